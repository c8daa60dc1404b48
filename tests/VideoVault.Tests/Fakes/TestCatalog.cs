using Microsoft.Extensions.Options;
using VideoVault.Catalog;

namespace VideoVault.Tests.Fakes;

/// <summary>The catalog as a deployment without model settings has it.</summary>
internal static class TestCatalog
{
    public static ModelCatalog Default { get; } = With(new ModelCatalogOptions());

    public static ModelCatalog With(ModelCatalogOptions settings, VideoVaultOptions? options = null)
    {
        options ??= new VideoVaultOptions();
        options.ApplyDefaults();
        return new ModelCatalog(Options.Create(settings), Options.Create(options));
    }
}
