using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Benchmarks.Floors;
using VideoVault.Events;
using VideoVault.PiApi;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Webhooks;

/// <summary>
/// The floor of a non-terminal PiAPI webhook (a pending task's "processing", the task subscribed to no events):
/// the storage operations the handler issues for it today, counted with <see cref="Infrastructure.StorageRequestCounter"/>
/// (each run counts both sides again and reports them), issued directly through the Azure SDK on the very rows the app's code makes for that change
/// (<see cref="TransitionCapture"/>), made before the clock starts; no HTTP, no verification, no parsing, no decision.
/// <para>In the request, before the answer:</para>
/// <list type="number">
/// <item>table get: the task row (TableTaskStore.GetAsync);</item>
/// <item>table PUT twice, side by side: upserts of index-processing and index-all, pending, with the task's summary;</item>
/// <item>table transaction: the task row replaced If-Match + the task.processing event row added;</item>
/// <item>side by side: table DELETE of index-pending, and both new rows confirmed (table PUT If-Match).</item>
/// </list>
/// <para>After the answer (<see cref="DeliveryFloor"/>): table query of the task's partition, events queue send of the
/// CloudEvent (the delivery message), table PUT of the event row: 10 operations in all (see <see cref="TransitionWrites"/>).</para>
/// </summary>
internal sealed class WebhookFloor
{
    private readonly TableClient _table;
    private readonly IReadOnlyList<TransitionRows> _rows;
    private readonly DeliveryFloor _delivery;

    private WebhookFloor(TableClient table, IReadOnlyList<TransitionRows> rows, DeliveryFloor delivery)
    {
        _table = table;
        _rows = rows;
        _delivery = delivery;
    }

    /// <param name="tasks">Pending tasks, stored as the seeder stores them; the floor moves task i on its i-th call.</param>
    public static async Task<WebhookFloor> PrepareAsync(IServiceProvider host, TableClient table, QueueClient eventsQueue, IReadOnlyList<VideoTask> tasks)
    {
        var capture = new TransitionCapture(host);
        var payloads = host.GetRequiredService<EventPayloads>();
        var rows = new List<TransitionRows>(tasks.Count);
        foreach (var task in tasks)
        {
            // The report as the endpoint reads it from the body the benchmark posts to the product.
            var report = JsonSerializer.Deserialize(PiApiWebhooks.Body(task.PiApiTaskId!, "processing", null), PiApiJsonContext.Default.PiApiWebhookBody)!.Data;
            rows.Add(await TransitionRows.CreateAsync(await capture.RecordAsync(task, report), payloads));
        }

        return new WebhookFloor(table, rows, new DeliveryFloor(table, eventsQueue));
    }

    public async Task MoveAsync(int task)
    {
        var rows = _rows[task];
        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(rows.TaskId, TaskEntityMapper.RowKey);
        await TransitionWrites.WriteAsync(_table, rows, stored.Value!.ETag);
        _delivery.Start(rows);
    }

    public Task DrainAsync() => _delivery.DrainAsync();
}
