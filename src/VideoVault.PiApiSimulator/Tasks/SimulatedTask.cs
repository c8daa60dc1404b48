using VideoVault.PiApiSimulator.Json;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.PiApiSimulator.Tasks;

/// <summary>One task-API task: fixed request data plus the state the lifecycle moves forward.</summary>
internal sealed class SimulatedTask(LedgerEntry entry, string taskType, string serviceMode, WebhookConfig webhook, TaskInput input, TaskUsage usage)
{
    public const string Model = "sora2";

    private readonly Lock gate = new();
    private readonly TaskConfig config = new(serviceMode, webhook);
    private readonly string createdAt = GoTime.Format(entry.CreatedAt);
    private string status = "pending";
    private string startedAt = GoTime.Zero;
    private string endedAt = GoTime.Zero;
    private TaskOutput? output;
    private TaskError error = TaskError.None;

    public LedgerEntry Entry { get; } = entry;

    public string Id => Entry.TaskId;

    public WebhookConfig Webhook { get; } = webhook;

    public PiTask Snapshot()
    {
        lock (gate)
        {
            return new PiTask(
                Id,
                Model,
                taskType,
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

    public PiTask MarkProcessing(DateTimeOffset now)
    {
        lock (gate)
        {
            status = "processing";
            startedAt = GoTime.Format(now);
        }

        return Snapshot();
    }

    public PiTask Complete(DateTimeOffset now, Uri video)
    {
        lock (gate)
        {
            status = "completed";
            endedAt = GoTime.Format(now);
            output = new TaskOutput(video.AbsoluteUri);
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
}
