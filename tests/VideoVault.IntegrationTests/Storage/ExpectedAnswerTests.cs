using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure;
using Azure.Core.Diagnostics;
using Azure.Data.Tables;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>
/// The storage answers the app expects (a lost ETag race, creating what exists, looking for what is not
/// there) are no errors to Azure.Core, so it does not log them as warnings; the SDK still throws them as
/// before, and what the app does not expect (a table that is not there) is still a warning.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExpectedAnswerTests(AzuriteFixture azurite)
{
    private readonly ConcurrentQueue<EventWrittenEventArgs> _events = new();

    [Fact]
    public async Task Expected_answers_still_throw_but_only_the_unexpected_one_is_logged_as_an_error()
    {
        using var listener = new AzureEventSourceListener((e, _) => _events.Enqueue(e), EventLevel.Verbose);
        var tables = azurite.Clients.CreateTableServiceClient();
        var table = tables.GetTableClient(AzuriteFixture.NewName("expected"));
        var missing = tables.GetTableClient(AzuriteFixture.NewName("missing"));
        var container = azurite.Clients.CreateBlobServiceClient().GetBlobContainerClient(AzuriteFixture.NewName("expected"));

        await table.CreateIfNotExistsAsync();
        await table.CreateIfNotExistsAsync();
        await container.CreateIfNotExistsAsync();
        await container.CreateIfNotExistsAsync();
        var added = await table.AddEntityAsync(new TableEntity("p", "r"));
        var repeated = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Step"] = 1 }, added.Headers.ETag!.Value, TableUpdateMode.Replace);
        var lostRace = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "r") { ["Step"] = 2 }, added.Headers.ETag!.Value, TableUpdateMode.Replace));
        var absent = await table.GetEntityIfExistsAsync<TableEntity>("p", "absent");
        var noTable = await Assert.ThrowsAsync<RequestFailedException>(() => missing.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal((409, 412, false, 404), (repeated.Status, lostRace.Status, absent.HasValue, noTable.Status));
        var errors = ErrorResponses(table.Name, missing.Name, container.Name);
        Assert.Equal([404], errors.Select(e => (int)e.Payload![e.PayloadNames!.IndexOf("status")]!));
    }

    /// <summary>Azure.Core's ErrorResponse events (logged as warnings) of the requests to these resources only: other tests share the process.</summary>
    private List<EventWrittenEventArgs> ErrorResponses(params string[] names)
    {
        var ours = _events
            .Where(e => e.EventName == "Request" && names.Any(name => Payload(e, "uri").Contains(name, StringComparison.Ordinal)))
            .Select(e => Payload(e, "requestId"))
            .ToHashSet();
        Assert.NotEmpty(ours);
        return [.. _events.Where(e => e.EventName == "ErrorResponse" && ours.Contains(Payload(e, "requestId")))];
    }

    private static string Payload(EventWrittenEventArgs e, string name) =>
        e.PayloadNames!.IndexOf(name) is var index and >= 0 ? e.Payload![index]?.ToString() ?? string.Empty : string.Empty;
}
