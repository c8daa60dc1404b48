using VideoVault.Http;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Http;

/// <summary>The OpenAPI document as a deployment without model settings serves it: the hand-written part with the built-in models.</summary>
internal static class ServedOpenApi
{
    public static ReadOnlyMemory<byte> Bytes { get; } = new OpenApiEndpoint(TestCatalog.Default).Bytes;
}
