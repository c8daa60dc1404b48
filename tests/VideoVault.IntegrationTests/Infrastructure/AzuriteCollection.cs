namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>Test classes that touch storage join this collection, so one Azurite serves them all.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
