using System.Threading.Channels;
using Microsoft.Extensions.Options;
using VideoVault.PiApiSimulator.Families;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Webhooks;

namespace VideoVault.PiApiSimulator.Tasks;

/// <summary>
/// Moves every created task through pending → processing → completed/failed, one step per
/// <see cref="SimulatorOptions.StepDelay"/>, publishing a webhook after each state (the created one included);
/// a task cancelled while pending stops there, with no further webhook.
/// </summary>
internal sealed partial class TaskLifecycle(
    WebhookSender webhookSender,
    SimulatorAddress address,
    IOptions<SimulatorOptions> options,
    TimeProvider timeProvider,
    ILogger<TaskLifecycle> logger) : BackgroundService
{
    private static readonly TaskError SimulatedFailure = new(
        10000,
        "simulated failure requested by the [sim:fail] prompt tag",
        "failed to generate video",
        null);

    private readonly Channel<SimulatedTask> created = Channel.CreateUnbounded<SimulatedTask>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Task> running = [];
    private readonly Lock runningGate = new();

    public void Start(SimulatedTask task) => created.Writer.TryWrite(task);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var task in created.Reader.ReadAllAsync(stoppingToken))
            {
                Track(RunAsync(task, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: fall through and let the running tasks observe the same token.
        }

        Task[] remaining;
        lock (runningGate)
        {
            remaining = [.. running];
        }

        await Task.WhenAll(remaining);
    }

    private void Track(Task run)
    {
        lock (runningGate)
        {
            running.Add(run);
        }

        run.ContinueWith(
            finished =>
            {
                lock (runningGate)
                {
                    running.Remove(finished);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunAsync(SimulatedTask task, CancellationToken cancellationToken)
    {
        var faults = task.Entry.Faults;
        var step = options.Value.StepDelay;
        var outbox = new WebhookOutbox(task, webhookSender, cancellationToken);
        try
        {
            outbox.Publish(task.Snapshot());

            if (!await StayPendingAsync(task, step + faults.PendingHold, cancellationToken)
                || task.TryMarkProcessing(timeProvider.GetUtcNow()) is not { } processing)
            {
                // Cancelled while pending: PiAPI's cancel sends no webhook, and the task goes no further.
                Log.StatusChanged(logger, task.Id, "cancelled");
                await outbox.DrainAsync();
                return;
            }

            Log.StatusChanged(logger, task.Id, processing.Status);
            if (!faults.ReorderWebhooks)
            {
                outbox.Publish(processing);
            }

            await Task.Delay(step + faults.CompletionDelay, timeProvider, cancellationToken);
            var terminal = faults.Fail
                ? task.Fail(timeProvider.GetUtcNow(), SimulatedFailure)
                : task.Complete(timeProvider.GetUtcNow(), FilesOf(task.Id));
            Log.StatusChanged(logger, task.Id, terminal.Status);
            outbox.Publish(terminal);
            if (faults.ReorderWebhooks)
            {
                outbox.Publish(processing);
            }

            await outbox.DrainAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Interrupted(logger, task.Id);
        }
        catch (Exception ex)
        {
            Log.Crashed(logger, ex, task.Id);
        }
    }

    /// <returns>False when the task was cancelled before <paramref name="wait"/> was over.</returns>
    private async Task<bool> StayPendingAsync(SimulatedTask task, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var pending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, task.Cancelled);
        try
        {
            await Task.Delay(wait, timeProvider, pending.Token);
            return true;
        }
        catch (OperationCanceledException) when (task.Cancelled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private TaskFiles FilesOf(string taskId) =>
        new(address.VideoUrl(taskId).AbsoluteUri, address.SecondVideoUrl(taskId).AbsoluteUri, address.CoverUrl(taskId).AbsoluteUri);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} is {Status}")]
        public static partial void StatusChanged(ILogger logger, string taskId, string status);

        [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} interrupted by shutdown")]
        public static partial void Interrupted(ILogger logger, string taskId);

        [LoggerMessage(Level = LogLevel.Error, Message = "Task {TaskId} lifecycle crashed")]
        public static partial void Crashed(ILogger logger, Exception exception, string taskId);
    }
}
