using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VideoVault.Events.Receivers;

namespace VideoVault.Storage;

/// <summary>
/// Receivers in the task table's partition <c>receivers</c>, RowKey the receiver's key: a point read for
/// a delivery, one partition query for the list. No task id collides with it (task ids are hex).
/// </summary>
internal sealed class TableWebhookReceiverStore : IWebhookReceiverStore
{
    public const string Partition = "receivers";

    private readonly TableClient _table;
    private readonly CreateOnce _created;

    public TableWebhookReceiverStore(TableServiceClient service, IOptions<VideoVaultOptions> options)
    {
        _table = service.GetTableClient(options.Value.TaskTable);
        _created = new CreateOnce(ct => _table.CreateIfNotExistsAsync(ct));
    }

    public async Task<WebhookReceiver?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<WebhookReceiver?> TryWriteAsync(WebhookReceiver receiver, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = receiver.ETag is { } etag
                ? await _table.UpdateEntityAsync(ToEntity(receiver), new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await _table.AddEntityAsync(ToEntity(receiver), cancellationToken).ConfigureAwait(false);
            return receiver with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<WebhookReceiver>> ListAsync(CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var receivers = new List<WebhookReceiver>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            receivers.Add(FromEntity(entity));
        }

        return receivers;
    }

    private static TableEntity ToEntity(WebhookReceiver receiver)
    {
        var entity = new TableEntity(Partition, receiver.Key) { ["Url"] = receiver.Url };
        Set(entity, "FailingSince", receiver.FailingSince);
        Set(entity, "LastFailureAt", receiver.LastFailureAt);
        Set(entity, "PausedAt", receiver.PausedAt);
        if (receiver.LastError is { } error)
        {
            entity["LastError"] = error;
        }

        return entity;
    }

    private static WebhookReceiver FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Url") ?? string.Empty,
        entity.GetDateTimeOffset("FailingSince"),
        entity.GetDateTimeOffset("LastFailureAt"),
        entity.GetString("LastError"),
        entity.GetDateTimeOffset("PausedAt"),
        entity.ETag.ToString());

    /// <summary>Absent values are left out: Table Storage has no null, and Replace drops what is not sent.</summary>
    private static void Set(TableEntity entity, string name, DateTimeOffset? value)
    {
        if (value is { } present)
        {
            entity[name] = present;
        }
    }
}
