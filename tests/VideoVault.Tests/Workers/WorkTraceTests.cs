using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using VideoVault.Operations;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Tests.Events;
using VideoVault.Tests.Fakes;
using VideoVault.Work;
using VideoVault.Workers;

namespace VideoVault.Tests.Workers;

/// <summary>
/// A work item's span: it continues the trace the item carries; an item queued with none (by the sweeps, an
/// operator's recovery, an older version) joins the task's stored trace; and an item of a task with none still runs.
/// </summary>
public sealed class WorkTraceTests
{
    private const string StoredTraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private const string CarriedTraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private readonly CoreHarness _core = new();

    /// <summary>The span current when the reconcile asked PiAPI: the one its calls and writes are made in.</summary>
    private Activity? _currentAtCall;

    [Fact]
    public async Task A_reconcile_the_sweep_queued_joins_the_tasks_stored_trace()
    {
        var task = Pending(StoredTraceParent);
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        var sweep = new ReconcileSweep(_core.Store, _core.Queue, Options.Create(_core.Options), _core.Clock, NullLogger<ReconcileSweep>.Instance);
        Assert.Equal(1, (await sweep.SweepAsync(TimeSpan.Zero, CancellationToken.None)).Queued);
        using var spans = new RecordedSpans(task.Id);

        await Processor().ProcessAsync(WorkItemJson.Serialize(Assert.Single(_core.Queue.Enqueued).Item), CancellationToken.None);

        var work = spans.Single("work reconcile");
        var stored = ActivityContext.Parse(StoredTraceParent, null);
        Assert.Equal((stored.TraceId, stored.SpanId, ActivityKind.Consumer), (work.TraceId, work.ParentSpanId, work.Kind));
        Assert.Same(work, _currentAtCall);
    }

    [Fact]
    public async Task An_item_that_carries_a_trace_continues_it()
    {
        var task = Pending(StoredTraceParent);
        using var spans = new RecordedSpans(task.Id);

        await Processor().ProcessAsync(WorkItemJson.Serialize(new WorkItem(WorkItemKind.Reconcile, task.Id, 1, CarriedTraceParent)), CancellationToken.None);

        var carried = ActivityContext.Parse(CarriedTraceParent, null);
        var work = spans.Single("work reconcile");
        Assert.Equal((carried.TraceId, carried.SpanId), (work.TraceId, work.ParentSpanId));
        Assert.Same(work, _currentAtCall);
    }

    [Fact]
    public async Task An_item_without_a_trace_of_a_task_without_one_still_runs_in_a_trace_of_its_own()
    {
        var task = Pending(traceParent: null);
        using var spans = new RecordedSpans(task.Id);

        await Processor().ProcessAsync("""{"kind":"reconcile","task_id":"%ID%","attempt":0}""".Replace("%ID%", task.Id, StringComparison.Ordinal), CancellationToken.None);

        var work = spans.Single("work reconcile");
        Assert.Equal(default, work.ParentSpanId);
        Assert.Same(work, _currentAtCall);
    }

    /// <summary>A task PiAPI holds; asking about it fails for now, so a reconcile asks once and schedules the next.</summary>
    private VideoTask Pending(string? traceParent)
    {
        _core.PiApi.Setup(p => p.GetTaskAsync("piapi-1", It.IsAny<CancellationToken>()))
            .Callback(() => _currentAtCall = Activity.Current)
            .ReturnsAsync(TestTasks.Refused(PiApiFailureKind.ServerError, 503));
        return _core.Store.Seed(TestTasks.New(_core.Clock, VideoTaskStatus.Pending) with { PiApiTaskId = "piapi-1", TraceParent = traceParent });
    }

    private WorkProcessor Processor()
    {
        var cancellation = new TaskCancellation(_core.Store, _core.Updater(), _core.Uncertainty(), _core.PiApi.Object, TestCatalog.Default, Options.Create(_core.PiApiOptions), _core.Clock, NullLogger<TaskCancellation>.Instance);
        var deadlines = new TaskDeadline(_core.Store, _core.Updater(), cancellation, _core.Queue, _core.Clock, NullLogger<TaskDeadline>.Instance);
        return new WorkProcessor(
            _core.Store,
            _core.Submitter(),
            _core.Archive(),
            _core.Reconciler(),
            _core.ChatRunner(new StubPiApiChat()),
            new EventHarness().Deliverer,
            _core.Metrics,
            _core.Clock,
            deadlines,
            NullLogger<WorkProcessor>.Instance);
    }
}
