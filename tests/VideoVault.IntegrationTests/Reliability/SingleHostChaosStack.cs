using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using VideoVault.Archiving;
using VideoVault.IntegrationTests.Stack;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>A <see cref="TestStack"/> (one in-process dev host) as the chaos checks read it.</summary>
internal sealed class SingleHostChaosStack(TestStack stack) : IChaosStack
{
    public SimulatorLedger Ledger => stack.Ledger;

    public IVideoBlobStore VideoStore => stack.VideoStore;

    public QueueClient PoisonQueue => stack.PoisonQueue;

    public IReadOnlyCollection<string> LogLines => stack.Logs.Lines;

    public Task<List<TableEntity>> EntitiesAsync() => stack.EntitiesAsync();

    public Task<List<BlobItem>> BlobsAsync() => stack.BlobsAsync();

    public IReadOnlyList<string> LoggedSecrets(IEnumerable<string> taskIds) => stack.LoggedSecrets(taskIds);
}
