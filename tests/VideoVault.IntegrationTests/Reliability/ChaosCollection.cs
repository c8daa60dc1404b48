using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// The chaos run keeps both cores busy for a minute or more, which would make the timing assertions of
/// tests running beside it flaky: it runs alone, after every parallel collection, on its own Azurite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Chaos";
}
