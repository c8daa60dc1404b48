using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using VideoVault.Archiving;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>What a chaos run reads from the stack it ran on, however many hosts served it.</summary>
internal interface IChaosStack
{
    /// <summary>What PiAPI (the simulator) created, accepted and refused.</summary>
    SimulatorLedger Ledger { get; }

    /// <summary>The app's own video store, to sign a read link as the API would.</summary>
    IVideoBlobStore VideoStore { get; }

    QueueClient PoisonQueue { get; }

    /// <summary>Every log line every host wrote.</summary>
    IReadOnlyCollection<string> LogLines { get; }

    /// <summary>Every task entity, through all continuation pages.</summary>
    Task<List<TableEntity>> EntitiesAsync();

    /// <summary>Every blob of the video container (none when it was never created).</summary>
    Task<List<BlobItem>> BlobsAsync();

    /// <summary>One line per secret found in <see cref="LogLines"/>, with the first line holding it.</summary>
    IReadOnlyList<string> LoggedSecrets(IEnumerable<string> taskIds);
}
