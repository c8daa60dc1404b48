using Microsoft.AspNetCore.Http;

namespace VideoVault.Http;

/// <summary>
/// <c>GET /api/openapi.json</c>: the API's OpenAPI 3.1 document. It is written by hand next to the
/// endpoints and embedded in this assembly, so both hosts serve the same bytes; tests hold it to the
/// routes both hosts map and its examples to its schemas.
/// </summary>
public sealed class OpenApiEndpoint
{
    public const string ResourceName = "VideoVault.Http.openapi.json";

    private static readonly Lazy<byte[]> Document = new(Read);

    public static ReadOnlyMemory<byte> Bytes => Document.Value;

    public IResult Get() => TypedResults.Bytes(Document.Value, "application/json");

    private static byte[] Read()
    {
        using var stream = typeof(OpenApiEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded {ResourceName}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
