using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VideoVault.PiApiSimulator.Video;

namespace VideoVault.PiApiSimulator.Ledger;

/// <summary>
/// Everything the simulator accepted, refused and delivered, for tests to assert against
/// (resolve it from <c>app.Services</c>).
/// </summary>
public sealed class SimulatorLedger(IOptions<SimulatorOptions> options)
{
    private readonly ConcurrentDictionary<string, LedgerEntry> byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LedgerEntry> inOrder = new();
    private int createAccepted;
    private int createRefused;

    /// <summary>Created tasks of both APIs, oldest first.</summary>
    public IReadOnlyList<LedgerEntry> Tasks => [.. inOrder];

    /// <summary>Create calls (task API and chat completions) that created a task.</summary>
    public int CreateAccepted => Volatile.Read(ref createAccepted);

    /// <summary>Create calls refused by a <c>submit429</c> or <c>submit500</c> fault.</summary>
    public int CreateRefused => Volatile.Read(ref createRefused);

    public LedgerEntry? Find(string taskId) => byId.GetValueOrDefault(taskId);

    /// <summary>Size of the video served for <paramref name="taskId"/>.</summary>
    /// <exception cref="KeyNotFoundException">The simulator never created this task.</exception>
    public long VideoSize(string taskId) => VideoSizeOf(Get(taskId));

    /// <summary>
    /// Size and SHA-256 of the video served for <paramref name="taskId"/>, computed by generating the same
    /// content again in small chunks (a 1 GB video takes a few seconds and no extra memory).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The simulator never created this task.</exception>
    public VideoFingerprint ExpectedVideo(string taskId)
    {
        var size = VideoSize(taskId);
        var generator = new VideoGenerator(taskId, size);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[VideoGenerator.ChunkSize];
        int read;
        while ((read = generator.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return new VideoFingerprint(size, hash.GetHashAndReset());
    }

    internal long VideoSizeOf(LedgerEntry entry) => entry.Faults.VideoSize ?? options.Value.DefaultVideoSize;

    internal void Add(LedgerEntry entry)
    {
        if (!byId.TryAdd(entry.TaskId, entry))
        {
            throw new InvalidOperationException($"Task id {entry.TaskId} is already in the ledger.");
        }

        inOrder.Enqueue(entry);
        Interlocked.Increment(ref createAccepted);
    }

    internal void RecordRefusal() => Interlocked.Increment(ref createRefused);

    private LedgerEntry Get(string taskId) =>
        Find(taskId) ?? throw new KeyNotFoundException($"The simulator has no task '{taskId}'.");
}
