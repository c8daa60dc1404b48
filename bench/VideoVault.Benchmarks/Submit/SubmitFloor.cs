using System.Net.Http.Headers;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using VideoVault.Benchmarks.Floors;

namespace VideoVault.Benchmarks.Submit;

/// <summary>
/// The floor of <c>POST /api/tasks</c> for a task-API model (no Idempotency-Key, no limits set, no deadline, no
/// event subscription): the storage operations a submit issues today, counted with
/// <see cref="Infrastructure.StorageRequestCounter"/> (each run counts both sides again and reports them), plus the
/// <c>index-all</c> upsert the task list's change adds, and the simulator's answer, issued directly on the rows the app's
/// code makes (<see cref="SubmitRows"/>), before the clock starts, in TaskIntake's and TaskSubmitter's order:
/// <list type="number">
/// <item>table query and table transaction: the day's spend counted (<see cref="SpendRows.CountAsync"/>);</item>
/// <item>work queue send: the reconcile work item, hidden for VideoVault:ReconcileDelay;</item>
/// <item>table PUT three times, side by side: upserts of index-submitting and index-all (pending, with the task's
/// summary) and of index-model-sora2 (TaskIndex.AnnounceAsync for a new task);</item>
/// <item>table POST: the task row inserted;</item>
/// <item>table PUT: the claim, the task row replaced If-Match (SubmitAttempts, SubmitUncertainSince);</item>
/// <item>PiAPI's create: <c>POST /api/v1/task</c> on the simulator with the task's webhook, which answers the task id;</item>
/// <item><see cref="TransitionWrites"/> for submitting to pending: upserts of index-pending and index-all (pending), the
/// transaction (task replaced If-Match + task.submitted added), then side by side the delete of index-submitting and
/// both new rows confirmed If-Match.</item>
/// </list>
/// After the answer, <see cref="DeliveryFloor"/>: the partition read, the CloudEvent sent, the event row replaced.
/// Each run counts the operations of both sides and prints them side by side.
/// </summary>
internal sealed class SubmitFloor(TableClient table, QueueClient workQueue, QueueClient eventsQueue, HttpClient simulator, IReadOnlyList<SubmitRows> rows)
{
    /// <summary>A work item must never expire unseen: -1 s is Queue Storage's "never", as StorageWorkQueue sends.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly DeliveryFloor _delivery = new(table, eventsQueue);

    /// <param name="reconcileDelay">How long the reconcile item stays hidden (the dev host's VideoVault:ReconcileDelay).</param>
    public async Task SubmitAsync(int submit, TimeSpan reconcileDelay)
    {
        var task = rows[submit];
        await task.Spend.CountAsync(table);
        await workQueue.SendMessageAsync(task.ReconcileMessage, reconcileDelay, NeverExpires);
        await Task.WhenAll(
            table.UpsertEntityAsync(task.IndexSubmitting, TableUpdateMode.Replace),
            table.UpsertEntityAsync(task.IndexAll, TableUpdateMode.Replace),
            table.UpsertEntityAsync(task.IndexModel, TableUpdateMode.Replace));
        var inserted = await table.AddEntityAsync(task.Draft);
        var claimed = await table.UpdateEntityAsync(task.Claim, ETagOf(inserted), TableUpdateMode.Replace);
        var recorded = task.Bind(await CreateAsync(task.CreateBody));
        await TransitionWrites.WriteAsync(table, recorded, ETagOf(claimed));
        _delivery.Start(recorded);
    }

    public Task DrainAsync() => _delivery.DrainAsync();

    private static ETag ETagOf(Response written) => written.Headers.ETag ?? throw new InvalidOperationException("A task write gave no ETag.");

    /// <returns>PiAPI's task id.</returns>
    private async Task<string> CreateAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        using var response = await simulator.PostAsync("api/v1/task", content);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var answer = await JsonDocument.ParseAsync(stream);
        return answer.RootElement.GetProperty("data").GetProperty("task_id").GetString()!;
    }
}
