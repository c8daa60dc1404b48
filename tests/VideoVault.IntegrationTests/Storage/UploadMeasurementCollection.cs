using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>
/// The large-upload measurements read process-wide counters (allocated bytes, heap, working set), so they
/// run alone, after every parallel collection, against their own Azurite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UploadMeasurementCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite upload measurement";
}
