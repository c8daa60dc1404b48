using System.Text.Json;
using VideoVault.PiApiSimulator.Families;
using VideoVault.PiApiSimulator.Json;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.PiApiSimulator.Tasks;

/// <summary>One task-API task: fixed request data plus the state the lifecycle (or a cancel) moves forward.</summary>
internal sealed class SimulatedTask
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource cancelled = new();
    private readonly TaskConfig config;
    private readonly JsonElement input;
    private readonly long price;
    private readonly string createdAt;
    private string status = "pending";
    private string startedAt = GoTime.Zero;
    private string endedAt = GoTime.Zero;
    private JsonElement? output;
    private TaskUsage usage;
    private TaskError error = TaskError.None;

    public SimulatedTask(LedgerEntry entry, VideoFamily family, string taskType, string serviceMode, WebhookConfig webhook, JsonElement input)
    {
        Entry = entry;
        Family = family;
        TaskType = taskType;
        Webhook = webhook;
        config = new TaskConfig(serviceMode, webhook);
        this.input = input;
        createdAt = GoTime.Format(entry.CreatedAt);
        price = family.Price(taskType, input);
        usage = family.ConsumesAtCreation ? new TaskUsage(family.UsageType, 0, price) : new TaskUsage(family.UsageType, price, 0);
        output = OutputBuilder.Pending(family, input);
    }

    public LedgerEntry Entry { get; }

    public VideoFamily Family { get; }

    public string TaskType { get; }

    public string Id => Entry.TaskId;

    public WebhookConfig Webhook { get; }

    /// <summary>Cancelled when the task is cancelled, ending its wait in <c>pending</c>.</summary>
    public CancellationToken Cancelled => cancelled.Token;

    public PiTask Snapshot()
    {
        lock (gate)
        {
            return new PiTask(
                Id,
                Family.Model,
                TaskType,
                status,
                config,
                input,
                output,
                new TaskMeta(createdAt, startedAt, endedAt, usage, IsUsingPrivatePool: false),
                Detail: null,
                Logs: [],
                error);
        }
    }

    /// <returns>The processing snapshot, or null when the task was cancelled while pending.</returns>
    public PiTask? TryMarkProcessing(DateTimeOffset now)
    {
        lock (gate)
        {
            if (status != "pending")
            {
                return null;
            }

            status = "processing";
            startedAt = GoTime.Format(now);
        }

        return Snapshot();
    }

    public PiTask Complete(DateTimeOffset now, TaskFiles files)
    {
        lock (gate)
        {
            status = "completed";
            endedAt = GoTime.Format(now);
            output = OutputBuilder.Completed(Family, Entry.Faults.ForcedOutput, files, input);
            usage = usage with { Consume = price };
        }

        return Snapshot();
    }

    public PiTask Fail(DateTimeOffset now, TaskError failure)
    {
        lock (gate)
        {
            status = "failed";
            endedAt = GoTime.Format(now);
            error = failure;
        }

        return Snapshot();
    }

    /// <summary>Cancels the task if it is still pending; PiAPI cannot stop one it is already working on.</summary>
    /// <returns>Whether the task was pending (and is now <c>cancelled</c>).</returns>
    public bool TryCancel(DateTimeOffset now)
    {
        lock (gate)
        {
            if (status != "pending")
            {
                return false;
            }

            status = "cancelled";
            endedAt = GoTime.Format(now);
        }

        cancelled.Cancel();
        return true;
    }
}
