using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoVault.Catalog;
using VideoVault.Events;
using VideoVault.Operations;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Views;
using VideoVault.Work;

namespace VideoVault.Benchmarks.Floors;

/// <summary>
/// Makes a status change with the app's own code (TaskProgressRecorder's decision, TaskUpdater's stamping,
/// TaskEventJournal's events) against a store that keeps what it is asked to write instead of writing it: the
/// floors issue those very rows, so they write entities of the product's size and shape. Nothing here is timed.
/// </summary>
internal sealed class TransitionCapture : ITaskStore, IWorkQueue
{
    /// <summary>What the captured writes carry as their ETag; the floors replace it with the one storage gave.</summary>
    private const string CapturedETag = "W/\"captured\"";

    private readonly IServiceProvider _host;
    private readonly ModelCatalog _catalog;
    private (VideoTask Task, VideoTaskStatus StoredStatus, IReadOnlyList<TaskEventRecord> Events)? _written;

    /// <param name="host">The dev host whose services (view factory, options, catalog) shape the rows.</param>
    public TransitionCapture(IServiceProvider host)
    {
        _host = host;
        _catalog = host.GetRequiredService<ModelCatalog>();
    }

    /// <summary>The task as the product would store it at <paramref name="task"/>'s state, ready to be changed.</summary>
    public static VideoTask Stored(VideoTask task) => task with { ETag = CapturedETag };

    /// <summary>What PiAPI's <paramref name="report"/> (a webhook or the create answer) does to <paramref name="current"/>.</summary>
    public Task<CapturedWrite> RecordAsync(VideoTask current, PiApiTask report) =>
        CaptureAsync(updater => new TaskProgressRecorder(updater, _catalog).RecordAsync(Stored(current), report, CancellationToken.None));

    /// <summary>A change decided by <paramref name="decide"/>, written as TaskUpdater writes every change.</summary>
    public Task<CapturedWrite> UpdateAsync(VideoTask current, Func<VideoTask, VideoTask?> decide) =>
        CaptureAsync(updater => updater.UpdateAsync(Stored(current), decide, CancellationToken.None));

    private async Task<CapturedWrite> CaptureAsync(Func<TaskUpdater, Task> change)
    {
        _written = null;
        var journal = new TaskEventJournal(
            this,
            _host.GetRequiredService<TaskViewFactory>(),
            new EventDispatcher(),
            this,
            _host.GetRequiredService<IOptionsMonitor<EventOptions>>(),
            NullLogger<TaskEventJournal>.Instance);
        await change(new TaskUpdater(this, TimeProvider.System, journal));
        var (task, storedStatus, events) = _written ?? throw new InvalidOperationException("The change wrote nothing.");
        return new CapturedWrite(task, storedStatus, events);
    }

    public Task<VideoTask?> TryReplaceAsync(VideoTask task, VideoTaskStatus storedStatus, IReadOnlyList<TaskEventRecord> events, CancellationToken cancellationToken)
    {
        _written = (task, storedStatus, events);
        return Task.FromResult<VideoTask?>(task with { ETag = CapturedETag });
    }

    public Task EnqueueAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A captured change has a dispatcher of its own, which is never full.");

    public Task<VideoTask?> GetAsync(string id, CancellationToken cancellationToken) => throw Unused();

    public Task<(VideoTask Task, bool Created)> CreateAsync(VideoTask task, CancellationToken cancellationToken) => throw Unused();

    public Task<TaskListPage> ListAsync(VideoTaskStatus? status, int limit, string? continuation, CancellationToken cancellationToken) => throw Unused();

    public Task<TaskListPage> ListByModelAsync(string model, int limit, string? continuation, CancellationToken cancellationToken) => throw Unused();

    public IAsyncEnumerable<IReadOnlyList<string>> FindStaleOpenAsync(DateTimeOffset unchangedSince, CancellationToken cancellationToken) => throw Unused();

    private static NotSupportedException Unused() => new("A captured change starts from a known state and only writes.");
}

/// <summary>One write the app asked for: the task, the status it was decided on, and the events it raises.</summary>
internal sealed record CapturedWrite(VideoTask Task, VideoTaskStatus StoredStatus, IReadOnlyList<TaskEventRecord> Events);
