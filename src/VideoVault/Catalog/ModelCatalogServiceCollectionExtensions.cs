using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VideoVault.Catalog;

internal static class ModelCatalogServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ModelCatalog"/> and its settings (section <c>Models</c>, validated at start-up); it reads the Sora 2 overrides from <see cref="VideoVaultOptions"/>.</summary>
    public static IServiceCollection AddModelCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelCatalogOptions>()
            .Bind(configuration.GetSection(ModelCatalogOptions.SectionName))
            .ValidateOnStart(new ModelCatalogOptionsValidator());
        services.TryAddSingleton<ModelCatalog>();
        return services;
    }
}
