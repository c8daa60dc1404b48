using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.Benchmarks.Floors;
using VideoVault.Budgets;
using VideoVault.Catalog;
using VideoVault.Events;
using VideoVault.Http;
using VideoVault.Inbound;
using VideoVault.PiApi;
using VideoVault.Storage;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Work;

namespace VideoVault.Benchmarks.Submit;

/// <summary>
/// Everything one floor submit writes and sends, made before the clock starts by the app's own code from the body
/// the benchmark posts to the product: the request as the endpoint parses it, the task as TaskIntake drafts it, the
/// claim and PiAPI's answer as TaskUpdater and TaskProgressRecorder write them (<see cref="TransitionCapture"/>).
/// PiAPI's task id is known only from the answer: the rows carry <see cref="PendingPiApiId"/>, of the same length, until <see cref="Bind"/>.
/// </summary>
internal sealed record SubmitRows(
    string TaskId,
    SpendRows Spend,
    string ReconcileMessage,
    TableEntity IndexAll,
    TableEntity IndexModel,
    TableEntity IndexSubmitting,
    TableEntity Draft,
    TableEntity Claim,
    byte[] CreateBody,
    TransitionRows Recorded)
{
    public const string PendingPiApiId = "00000000-0000-4000-8000-000000000000";

    /// <param name="answer">PiAPI's answer to a create, as the simulator gives it; its task id is replaced.</param>
    public static async Task<SubmitRows> CreateAsync(IServiceProvider host, JsonObject body, PiApiTask answer)
    {
        var catalog = host.GetRequiredService<ModelCatalog>();
        var request = SubmitRequestParser.Parse(JsonSerializer.SerializeToUtf8Bytes(body), catalog, host.GetRequiredService<IOptions<EventOptions>>().Value).Request
            ?? throw new InvalidOperationException("The product would refuse this body.");
        var now = DateTimeOffset.UtcNow;
        var id = TaskIds.New(TimeProvider.System);
        var (estimate, isDefault) = host.GetRequiredService<TaskBudget>().Estimate(request);
        var draft = new VideoTask
        {
            Id = id,
            Status = VideoTaskStatus.Submitting,
            Request = request,
            RequestHash = RequestFingerprint.Of(request),
            CreatedAt = now,
            UpdatedAt = now,
            Timeline = [new TaskStatusChange(VideoTaskStatus.Submitting, now)],
            EventCount = 0,
            EstimatedUsd = estimate,
            EstimateIsDefault = isDefault,
            SpendDay = SpendUnits.Day(now),
        };

        var capture = new TransitionCapture(host);
        var claim = await capture.UpdateAsync(draft, current => current with { SubmitAttempts = current.SubmitAttempts + 1, SubmitUncertainSince = now });
        var recorded = await capture.RecordAsync(claim.Task, answer with { TaskId = PendingPiApiId });
        var options = host.GetRequiredService<IOptions<VideoVaultOptions>>().Value;
        var reconcile = new WorkItem(WorkItemKind.Reconcile, id, 0) { TraceParent = VideoVaultTelemetry.TraceParentFor(id, null), VisibleAt = now + options.ReconcileDelay };
        var rowKey = TaskIndexRow.RowKeyOf(draft);
        return new SubmitRows(
            id,
            SpendRows.For(draft),
            WorkItemJson.Serialize(reconcile),
            TaskIndexEntity.Summarised(TaskIndexRow.AllPartition, rowKey, TaskSummary.Of(draft), pending: true),
            TaskIndexEntity.Bare(TaskIndexRow.PartitionOfModel(request.Model), rowKey, id),
            TaskIndexEntity.Summarised(TaskIndexRow.PartitionOf(VideoTaskStatus.Submitting), rowKey, TaskSummary.Of(draft), pending: true),
            TaskEntityMapper.ToEntity(draft),
            TaskEntityMapper.ToEntity(claim.Task),
            JsonSerializer.SerializeToUtf8Bytes(CreateRequest(host, draft), PiApiJsonContext.Default.PiApiCreateTaskRequest),
            await TransitionRows.CreateAsync(recorded, host.GetRequiredService<EventPayloads>()));
    }

    /// <summary>The rows of the record step with PiAPI's task id in place of <see cref="PendingPiApiId"/>.</summary>
    public TransitionRows Bind(string piApiTaskId)
    {
        Recorded.Task["PiApiTaskId"] = piApiTaskId;
        foreach (var entity in new[] { Recorded.Event, Recorded.PublishedEvent })
        {
            entity["Data"] = ((string)entity["Data"]).Replace(PendingPiApiId, piApiTaskId, StringComparison.Ordinal);
        }

        return Recorded with { CloudEvent = Recorded.CloudEvent.Replace(PendingPiApiId, piApiTaskId, StringComparison.Ordinal) };
    }

    /// <summary>What TaskSubmitter sends: the model, the task type, the input as validated, and the task's webhook with its secret.</summary>
    private static PiApiCreateTaskRequest CreateRequest(IServiceProvider host, VideoTask task) => new()
    {
        Model = task.Request.Model,
        TaskType = task.Request.TaskType,
        Input = JsonElement.Parse(task.Request.InputJson!),
        Config = new PiApiTaskConfig
        {
            WebhookConfig = new PiApiWebhookConfig
            {
                Endpoint = new UriBuilder(Routes.Absolute(host.GetRequiredService<IOptions<VideoVaultOptions>>().Value.PublicBaseUrl!, Routes.PiApiWebhook)) { Query = $"task={task.Id}" }.Uri.AbsoluteUri,
                Secret = host.GetRequiredService<TaskWebhookSecrets>().Create(task.Id),
            },
        },
    };
}
