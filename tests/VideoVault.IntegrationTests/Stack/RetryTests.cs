using System.Net;
using System.Text.Json;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>An operator's retry over real HTTP: a failed copy archived on the second go, with its events numbered on.</summary>
public sealed class RetryTests(AzuriteFixture azurite) : StackTest(azurite)
{
    private async Task<HttpResponseMessage> RetryAsync(string id) => await Stack.Api.PostAsync($"/api/tasks/{id}/retry", null);

    [Fact]
    public async Task A_copy_that_failed_for_good_is_archived_after_a_retry_and_its_events_go_on_from_task_failed()
    {
        // Three failing GETs use up the copy's three attempts; the fourth, after the retry, succeeds.
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:videofail=3]")));
        Assert.Equal("archive_failed", Status(await Stack.WaitForTerminalAsync(id)));

        using var retried = await RetryAsync(id);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal($"/api/tasks/{id}", retried.Headers.Location?.OriginalString);
        var task = await Stack.WaitForTerminalAsync(id);

        Assert.Equal("archived", Status(task));
        Assert.Single(await Stack.BlobsAsync());
        var timeline = task.GetProperty("timeline").EnumerateArray().Select(change => change.GetProperty("status").GetString()).ToList();
        Assert.Equal(["submitting", "pending"], timeline.Take(2));
        Assert.Equal(["archive_failed", "processing", "completed", "archiving", "archived"], timeline.SkipWhile(status => status != "archive_failed").Distinct());
        using var events = JsonDocument.Parse(await Stack.Api.GetStringAsync($"/api/tasks/{id}/events"));
        Assert.Equal(
            [(1, "task.submitted"), (2, "task.processing"), (3, "task.failed"), (4, "task.archived")],
            events.RootElement.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("sequence").GetInt32(), e.GetProperty("type").GetString())));
    }

    [Fact]
    public async Task Only_failed_copies_and_submits_are_retried_and_a_missing_task_is_not_found()
    {
        var id = Id(await Stack.SubmitAsync(Prompt()));
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));

        using var archived = await RetryAsync(id);
        using var missing = await RetryAsync("0123456789abcdef0123456789abcdef");
        using var malformed = await RetryAsync("not-an-id");

        Assert.Equal(HttpStatusCode.Conflict, archived.StatusCode);
        Assert.Contains("this one is archived", await archived.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, malformed.StatusCode));
    }

    [Fact]
    public async Task The_console_page_and_its_files_are_served_with_their_policy_and_nothing_else_by_name()
    {
        using var page = await Stack.Api.GetAsync("/api/console");
        using var script = await Stack.Api.GetAsync("/api/console/console.js");
        using var other = await Stack.Api.GetAsync("/api/console/openapi.json");

        Assert.Equal((HttpStatusCode.OK, "text/html"), (page.StatusCode, page.Content.Headers.ContentType?.MediaType));
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "text/javascript"), (script.StatusCode, script.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
