using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace VideoVault.Storage;

/// <summary>Table Storage over the REST API (OData JSON) through an Azure.Core pipeline.</summary>
public sealed class TableStore(StorageConnection connection, StorageClientOptions options, TimeProvider timeProvider) : ITableStore
{
    private const string JsonWithTypes = "application/json;odata=minimalmetadata";
    private static readonly string[] KeyProperties = ["PartitionKey", "RowKey"];
    private readonly StorageServiceClient _client = new(connection.TableEndpoint, connection, SharedKeyFlavor.Table, options, timeProvider);

    public async Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message.Request, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = table }));
        await _client.SendAsync(message, cancellationToken, 201, 204, 409).ConfigureAwait(false);
    }

    public async Task<TableEntity?> GetEntityAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityPath(table, partitionKey, rowKey));
        var response = await _client.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        return TableEntityJson.Read(document.RootElement, ETagOf(response));
    }

    public async Task<string> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Post, Uri.EscapeDataString(table));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message.Request, TableEntityJson.Write(entity));
        var response = await _client.SendAsync(message, cancellationToken, 204, 201).ConfigureAwait(false);
        return ETagOf(response) ?? throw new RequestFailedException(response);
    }

    public Task<string> MergeAsync(string table, TableEntity entity, string ifMatch, CancellationToken cancellationToken) =>
        UpdateAsync(RequestMethod.Patch, table, entity, ifMatch, cancellationToken);

    public Task<string> ReplaceAsync(string table, TableEntity entity, string ifMatch, CancellationToken cancellationToken) =>
        UpdateAsync(RequestMethod.Put, table, entity, ifMatch, cancellationToken);

    public async Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(table, partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        var response = await _client.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
        return response.Status == 204;
    }

    public async Task<TablePage> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, Uri.EscapeDataString(table) + "()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(query.Filter))
        {
            uri.AppendQuery("$filter", query.Filter);
        }

        if (query.Select is { Count: > 0 } select)
        {
            // The service returns only what is selected, and an entity cannot be read back without its keys.
            uri.AppendQuery("$select", string.Join(',', select.Union(KeyProperties, StringComparer.Ordinal)));
        }

        if (query.Top is { } top)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(top, 1, nameof(query));
            uri.AppendQuery("$top", top.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (query.Continuation is { } continuation)
        {
            uri.AppendQuery("NextPartitionKey", continuation.NextPartitionKey);
            if (continuation.NextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", continuation.NextRowKey);
            }
        }

        var response = await _client.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entities = document.RootElement.GetProperty("value").EnumerateArray().Select(e => TableEntityJson.Read(e, null)).ToList();
        var next = response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var partition)
            ? new TableContinuation(partition, response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var row) ? row : null)
            : null;
        return new TablePage(entities, next);
    }

    private async Task<string> UpdateAsync(RequestMethod method, string table, TableEntity entity, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = CreateMessage(method, EntityPath(table, entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        SetJsonContent(message.Request, TableEntityJson.Write(entity));
        var response = await _client.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        return ETagOf(response) ?? throw new RequestFailedException(response);
    }

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _client.CreateMessage(method, path);
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, JsonWithTypes);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private static void SetJsonContent(Request request, byte[] json)
    {
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        request.Content = RequestContent.Create(json);
    }

    /// <summary>Keys are quoted OData literals inside the path: double the quotes, then escape.</summary>
    private static string EntityPath(string table, string partitionKey, string rowKey)
    {
        var builder = new StringBuilder(Uri.EscapeDataString(table))
            .Append("(PartitionKey='").Append(EscapeKey(partitionKey))
            .Append("',RowKey='").Append(EscapeKey(rowKey)).Append("')");
        return builder.ToString();
    }

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static string? ETagOf(Response response) => response.Headers.ETag?.ToString();
}
