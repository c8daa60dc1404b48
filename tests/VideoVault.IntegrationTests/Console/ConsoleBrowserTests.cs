using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VideoVault.Events;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Console;

/// <summary>
/// The operator console in a real Chromium, on the running dev stack (dev host, Azurite, simulator): what an
/// operator sees and can do. Screenshots go to TestResults/console.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConsoleBrowserTests(AzuriteFixture azurite, ChromiumFixture chromium) : StackTest(azurite), IClassFixture<ChromiumFixture>
{
    private static readonly PageWaitForFunctionOptions Patient = new() { Timeout = 30_000 };

    private Task<ConsolePage> OpenAsync(string fragment = "") => ConsolePage.OpenAsync(chromium, Stack.Api.BaseAddress!, fragment);

    private static Task<string[]> ListedAsync(ConsolePage console) =>
        console.Page.Locator("#task-rows tr").EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.taskId)");

    [Fact]
    public async Task The_list_pages_to_older_tasks_fifty_at_a_time_and_back_to_newer()
    {
        // Stored through the app's own task store (index rows and all), a second apart, newest first.
        var store = Stack.DevHostServices.GetRequiredService<ITaskStore>();
        var now = DateTimeOffset.UtcNow;
        var run = Guid.NewGuid().ToString("N");
        var ids = Enumerable.Range(0, 55).Select(i => TaskIds.FromIdempotencyKey($"paging-{run}-{i}")).ToList();
        await Task.WhenAll(ids.Select((id, i) => store.CreateAsync(
            new VideoTask
            {
                Id = id,
                Status = VideoTaskStatus.Failed,
                Request = new VideoRequest { Model = ModelNames.Sora2, TaskType = ModelNames.Sora2Video, Prompt = $"seeded {i}" },
                RequestHash = "h",
                CreatedAt = now.AddSeconds(-i),
                UpdatedAt = now.AddSeconds(-i),
                Error = "PiAPI failed the task: seeded",
            },
            CancellationToken.None)));

        await using var console = await OpenAsync();
        await console.Row(ids[0]).WaitForAsync();
        Assert.Equal(ids.Take(50), await ListedAsync(console));
        Assert.True(await console.Page.IsDisabledAsync("#newer"));

        await console.Page.ClickAsync("#older");
        await console.Row(ids[^1]).WaitForAsync();
        Assert.Equal(ids.Skip(50), await ListedAsync(console));
        Assert.True(await console.Page.IsDisabledAsync("#older"));

        await console.Page.ClickAsync("#newer");
        await console.Row(ids[0]).WaitForAsync();
        Assert.Equal(ids.Take(50), await ListedAsync(console));
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Submitted_tasks_are_listed_newest_first_and_an_archived_ones_video_plays_from_its_SAS_link()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(Id(await Stack.SubmitAsync(Prompt())));
        }

        var first = await Stack.WaitForTerminalAsync(ids[0]);
        foreach (var id in ids.Skip(1))
        {
            Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        }

        await using var console = await OpenAsync();
        await console.WaitForRowAsync(ids[^1]);
        Assert.Equal(Enumerable.Reverse(ids), (await ListedAsync(console)).Where(ids.Contains));

        await console.Row(ids[0]).ClickAsync();
        await console.Page.WaitForFunctionAsync("() => { const v = document.querySelector('#detail video'); return v !== null && v.readyState >= 2 && v.duration > 0; }", null, Patient);
        var duration = await console.Page.EvalOnSelectorAsync<double>("#detail video", "video => video.duration");
        var detail = await console.Page.InnerTextAsync("#detail");
        await console.ScreenshotAsync("archived-task");

        Assert.InRange(duration, 0.5, 10);
        Assert.Contains(first.GetProperty("video").GetProperty("sha256").GetString()!, detail, StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("piapi_task_id").GetString()!, detail, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b(null|undefined|NaN)\b", detail);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task An_archived_task_shows_its_catalog_entry_and_its_video_with_the_models_poster()
    {
        // Legacy Kling: the simulator's output has two works, each with a cover; the first video and its cover are archived.
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(new JsonObject
        {
            ["model"] = "kling",
            ["task_type"] = "video_generation",
            ["input"] = new JsonObject { ["version"] = "1.6", ["prompt"] = Prompt(), ["duration"] = 5 },
        })));
        Assert.Equal("archived", Status(task));
        var posterBlob = task.GetProperty("video").GetProperty("poster_blob_name").GetString()!;

        await using var console = await OpenAsync($"#/tasks/{Id(task)}");
        await console.Page.WaitForFunctionAsync("() => { const v = document.querySelector('#detail video'); return v !== null && v.readyState >= 2; }", null, Patient);
        var posterUrl = await console.Page.GetAttributeAsync("#detail video", "poster");
        // The page's own policy must let the poster's origin (the storage account's) in: an image loaded there is one the video shows.
        var width = await console.Page.EvaluateAsync<int>("src => new Promise(done => { const image = new Image(); image.onload = () => done(image.naturalWidth); image.onerror = () => done(-1); image.src = src; })", posterUrl);
        var detail = await console.Page.InnerTextAsync("#detail");
        await console.ScreenshotAsync("task-with-poster");

        Assert.Contains($"/{posterBlob}?", posterUrl, StringComparison.Ordinal);
        Assert.Equal(64, width);
        Assert.Equal("kling-legacy", await console.Page.InnerTextAsync("#catalog-entry"));
        Assert.Contains("kling / video_generation", detail, StringComparison.Ordinal);
        Assert.Contains("version=\"1.6\", duration=5", detail, StringComparison.Ordinal);
        Assert.Contains("2 (the first is archived)", detail, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b(null|undefined|NaN)\b", detail);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task A_failed_task_shows_its_reason_and_a_retried_copy_failure_moves_on_to_archived()
    {
        var failed = Id(await Stack.SubmitAsync(Prompt("[sim:fail]")));
        var copyFailed = Id(await Stack.SubmitAsync(Prompt("[sim:videofail=3]")));
        Assert.Equal("failed", Status(await Stack.WaitForTerminalAsync(failed)));
        Assert.Equal("archive_failed", Status(await Stack.WaitForTerminalAsync(copyFailed)));

        await using var console = await OpenAsync($"#/tasks/{failed}");
        var reason = console.Page.Locator("#failure-reason");
        await reason.WaitForAsync();
        Assert.StartsWith("PiAPI failed the task", await reason.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await console.Page.Locator("#retry").CountAsync());
        await console.WaitForRowAsync(failed);
        Assert.StartsWith("PiAPI failed the task", await console.Row(failed).Locator("td.prompt .error").InnerTextAsync(), StringComparison.Ordinal);
        await console.ScreenshotAsync("failed-task");

        await console.Page.SelectOptionAsync("#status-filter", "archive_failed");

        // The task was already listed before the filter: wait for the filtered page to replace the rows, not for the row.
        await console.Page.WaitForFunctionAsync("() => { const badges = [...document.querySelectorAll('#task-rows tr .status')]; return badges.length > 0 && badges.every(badge => badge.dataset.status === 'archive_failed'); }", null, Patient);
        await console.Row(copyFailed).WaitForAsync();
        var shown = await console.Page.Locator("#task-rows tr .status").EvaluateAllAsync<string[]>("badges => badges.map(badge => badge.dataset.status)");
        Assert.All(shown, status => Assert.Equal("archive_failed", status));

        await console.Row(copyFailed).ClickAsync();
        await console.Page.ClickAsync("#retry");
        await console.Page.WaitForFunctionAsync("() => document.querySelector('#detail h2 .status')?.dataset.status === 'archived'", null, Patient);
        await console.ScreenshotAsync("retried-task");

        Assert.Equal("archived", Status(await Stack.GetTaskAsync(copyFailed)));
        Assert.Contains("archive_failed", await console.Page.InnerTextAsync("#detail ol.timeline"), StringComparison.Ordinal);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task A_pending_kling_task_is_cancelled_from_its_page_which_shows_its_cost_and_the_days_spend()
    {
        var body = Spend.SpendRequests.Kling(Prompt("[sim:hold]"));
        var id = Id(await Stack.SubmitAsync(body));

        await using var console = await OpenAsync($"#/tasks/{id}");
        await console.Page.Locator("#cancel").WaitForAsync();
        Assert.Contains("$0.50 estimated", await console.Page.InnerTextAsync("#detail dl"), StringComparison.Ordinal);
        Assert.Contains("Estimated spend today $0.50", await console.Page.InnerTextAsync("#spend"), StringComparison.Ordinal);
        await console.Page.ClickAsync("#cancel");
        await console.Page.WaitForFunctionAsync("() => document.querySelector('#detail h2 .status')?.dataset.status === 'cancelled'", null, Patient);
        await console.ScreenshotAsync("cancelled-task");

        Assert.Equal("cancelled", Status(await Stack.GetTaskAsync(id)));
        Assert.Equal(0, await console.Page.Locator("#cancel").CountAsync());
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task An_event_is_redelivered_from_its_row_and_the_redelivery_shows_in_its_attempts()
    {
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl($"console-{Guid.NewGuid():N}"), TaskEventTypes.Archived)));
        var archived = (await Stack.WaitForEventsAsync(id, 3, TestStack.Settled))[2].GetProperty("id").GetString()!;

        await using var console = await OpenAsync($"#/tasks/{id}");
        var row = console.Page.Locator($"#detail tr[data-event-id='{archived}']");
        await row.Locator("button.redeliver").ClickAsync();
        await console.Page.WaitForFunctionAsync($"() => document.querySelector(\"#detail tr[data-event-id='{archived}']\")?.textContent.includes('[redelivery]')", null, Patient);
        await console.ScreenshotAsync("redelivered-event");

        var events = await Stack.EventsAsync(id);
        var history = events.GetProperty("events")[2].GetProperty("webhook").GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.True(history[1].GetProperty("redelivery").GetBoolean());
        Assert.Equal(1, await console.Page.Locator("#detail tr[data-event-id] button.redeliver").CountAsync());
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task The_video_is_deleted_only_once_the_operator_confirms_and_the_detail_then_says_so()
    {
        var id = Id(await Stack.SubmitAsync(Prompt()));
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        await using var console = await OpenAsync($"#/tasks/{id}");
        await console.Page.Locator("#detail video").WaitForAsync();

        var accept = false;
        console.Page.Dialog += async (_, dialog) =>
        {
            if (accept)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };
        await console.Page.ClickAsync("#delete-video");
        Assert.NotEmpty(await Stack.BlobsAsync());

        accept = true;
        await console.Page.ClickAsync("#delete-video");
        await console.Page.Locator("#video-deleted").WaitForAsync();
        await console.ScreenshotAsync("deleted-video");

        Assert.Contains("requested", await console.Page.InnerTextAsync("#video-deleted"), StringComparison.Ordinal);
        Assert.Equal((0, 0), (await console.Page.Locator("#delete-video").CountAsync(), await console.Page.Locator("#detail video").CountAsync()));
        Assert.Empty(await Stack.BlobsAsync());
        Assert.Empty(console.Errors);
    }
}
