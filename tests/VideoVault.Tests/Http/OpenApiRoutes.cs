using System.Text.Json;
using VideoVault.Http;

namespace VideoVault.Tests.Http;

/// <summary>
/// The (method, route) pairs the served OpenAPI document describes, in the hosts' form: upper-case method,
/// the route below the server URL with its <c>/api</c> prefix and no leading slash. They are all in the hand-written
/// part of the document (the catalog adds schemas only), so they are read from there.
/// </summary>
internal static class OpenApiRoutes
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static IReadOnlySet<(string Method, string Route)> Read()
    {
        using var document = JsonDocument.Parse(OpenApiEndpoint.Template);
        var root = document.RootElement;
        var server = root.GetProperty("servers")[0].GetProperty("url").GetString()!.Trim('/');
        return root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => Methods.Contains(operation.Name, StringComparer.Ordinal))
                .Select(operation => (operation.Name.ToUpperInvariant(), $"{server}/{path.Name.Trim('/')}")))
            .ToHashSet();
    }
}
