using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// The two-host chaos run keeps both cores busy with two host processes, so, like <see cref="ChaosCollection"/>,
/// it runs alone, after every parallel collection, on its own Azurite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoHostCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "TwoHostChaos";
}
