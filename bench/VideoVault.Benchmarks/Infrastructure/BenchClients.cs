using Microsoft.Extensions.Options;
using VideoVault.Storage;

namespace VideoVault.Benchmarks.Infrastructure;

internal static class BenchClients
{
    /// <summary>The product's clients (pinned service versions, its retries) for a connection string, as AzuriteProcess builds them.</summary>
    public static StorageClientFactory For(string connectionString) =>
        new(Options.Create(new StorageConnectionSettings { Name = "VideoVaultStorage", ConnectionString = connectionString }));
}
