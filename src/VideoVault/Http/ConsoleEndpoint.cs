using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace VideoVault.Http;

/// <summary>
/// <c>GET /api/console</c> and its script and styles: the operator console, a static page that reads the same
/// API as any caller. The files are embedded in this assembly, so both hosts serve the same bytes and there is
/// no build step at run time. The page holds no data and no secret, so it is served without a key; every API
/// call it makes carries the operator's.
/// </summary>
internal sealed class ConsoleEndpoint
{
    /// <summary>
    /// Only this origin's script and styles run, nothing may frame the page, and media and images may come from the
    /// storage account's SAS links, which are on another origin (a video's poster is an image).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: https: http:; media-src https: http:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Page = "index.html";

    private static readonly FrozenDictionary<string, (string ContentType, Lazy<byte[]> Bytes)> Files = new Dictionary<string, (string, Lazy<byte[]>)>
    {
        [Page] = ("text/html; charset=utf-8", Embedded(Page)),
        ["console.js"] = ("text/javascript; charset=utf-8", Embedded("console.js")),
        ["common.js"] = ("text/javascript; charset=utf-8", Embedded("common.js")),
        ["receivers.js"] = ("text/javascript; charset=utf-8", Embedded("receivers.js")),
        ["spend.js"] = ("text/javascript; charset=utf-8", Embedded("spend.js")),
        ["console.css"] = ("text/css; charset=utf-8", Embedded("console.css")),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Assets { get; } = [.. Files.Keys.Where(name => name != Page)];

    public ConsoleFileResult GetPage() => Serve(Page);

    /// <summary>Only the page's own scripts and styles; any other name is a 404, so nothing else of the assembly can be read.</summary>
    public Results<ConsoleFileResult, ProblemHttpResult> GetAsset(string asset) => Assets.Contains(asset)
        ? Serve(asset)
        : TypedResults.Problem("No such console file.", statusCode: StatusCodes.Status404NotFound);

    private static ConsoleFileResult Serve(string name)
    {
        var (contentType, bytes) = Files[name];
        return new ConsoleFileResult(bytes.Value, contentType);
    }

    private static Lazy<byte[]> Embedded(string name) => new(() =>
    {
        var resource = $"VideoVault.Http.Console.{name}";
        using var stream = typeof(ConsoleEndpoint).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded {resource}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    internal sealed class ConsoleFileResult(byte[] bytes, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = contentType;
            response.ContentLength = bytes.Length;
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.CacheControl = "no-cache";
            response.Headers["Referrer-Policy"] = "no-referrer";
            return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
        }
    }
}
