using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using VideoVault.Catalog;

namespace VideoVault.Http;

/// <summary>
/// <c>GET /api/openapi.json</c>: the API's OpenAPI 3.1 document. Its routes and shapes are written by hand next to
/// the endpoints and embedded in this assembly; the submit schema of each enabled model is added from the catalog
/// when the host starts (<see cref="OpenApiModelSchemas"/>), so both hosts serve the same document for the same
/// settings. Tests hold it to the routes both hosts map, its examples to its schemas and its models to the catalog.
/// </summary>
internal sealed class OpenApiEndpoint(ModelCatalog catalog)
{
    public const string ResourceName = "VideoVault.Http.openapi.json";

    private static readonly Lazy<byte[]> HandWritten = new(Read);

    private readonly Lazy<byte[]> _document = new(() => OpenApiModelSchemas.Complete(HandWritten.Value, catalog.Enabled));

    /// <summary>The hand-written part: every route and shape but the per-model submit schemas.</summary>
    public static ReadOnlyMemory<byte> Template => HandWritten.Value;

    /// <summary>The document as served: <see cref="Template"/> with this deployment's models.</summary>
    public ReadOnlyMemory<byte> Bytes => _document.Value;

    public FileContentHttpResult Get() => TypedResults.Bytes(_document.Value, "application/json");

    private static byte[] Read()
    {
        using var stream = typeof(OpenApiEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded {ResourceName}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
