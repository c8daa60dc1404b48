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
    /// <summary>Ends the file id of a task's second video: <c>{task_id}-2</c>.</summary>
    internal const string SecondVideoSuffix = "-2";

    private readonly ConcurrentDictionary<string, LedgerEntry> byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LedgerEntry> inOrder = new();
    private int createAccepted;
    private int createRefused;
    private int removedModelRefusals;
    private int cancels;

    /// <summary>Created tasks of both APIs, oldest first.</summary>
    public IReadOnlyList<LedgerEntry> Tasks => [.. inOrder];

    /// <summary>Create calls (task API and chat completions) that created a task.</summary>
    public int CreateAccepted => Volatile.Read(ref createAccepted);

    /// <summary>Create calls refused by a <c>submit429</c> or <c>submit500</c> fault.</summary>
    public int CreateRefused => Volatile.Read(ref createRefused);

    /// <summary>Create calls answered 500 because their model or task type is removed (<c>Simulator:RemovedModels</c>).</summary>
    public int RemovedModelRefusals => Volatile.Read(ref removedModelRefusals);

    /// <summary>Tasks cancelled through <c>DELETE /api/v1/task/{id}</c>.</summary>
    public int Cancels => Volatile.Read(ref cancels);

    public LedgerEntry? Find(string taskId) => byId.GetValueOrDefault(taskId);

    /// <summary>Size of the video served for <paramref name="taskId"/> (or <c>{taskId}-2</c>, its second video).</summary>
    /// <exception cref="KeyNotFoundException">The simulator never created this task.</exception>
    public long VideoSize(string taskId) => VideoSizeOf(Get(taskId));

    /// <summary>
    /// Size and SHA-256 of the video served for <paramref name="taskId"/> (or <c>{taskId}-2</c>), computed by generating the same
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

    internal void RecordRemovedModelRefusal() => Interlocked.Increment(ref removedModelRefusals);

    internal void RecordCancel(LedgerEntry entry, DateTimeOffset at)
    {
        entry.RecordCancel(at);
        Interlocked.Increment(ref cancels);
    }

    /// <summary>
    /// The task a video file belongs to: <c>{id}</c> is a task's (first) video, <c>{id}-2</c> its second (legacy Kling's
    /// second work), generated from the file id so the two differ.
    /// </summary>
    internal LedgerEntry? FindVideoOwner(string fileId) =>
        Find(fileId) ?? (fileId.EndsWith(SecondVideoSuffix, StringComparison.Ordinal) ? Find(fileId[..^SecondVideoSuffix.Length]) : null);

    private LedgerEntry Get(string fileId) =>
        FindVideoOwner(fileId) ?? throw new KeyNotFoundException($"The simulator has no task '{fileId}'.");
}
