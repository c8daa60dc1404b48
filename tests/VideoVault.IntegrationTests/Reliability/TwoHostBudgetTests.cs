using System.Net;
using System.Text.Json;
using Xunit.Abstractions;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Spend;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// One budget, two dev host processes sharing one Azurite behind a round-robin front end: 50 submits at once
/// against room for 10 give exactly 10 tasks, whichever host takes each, and a slot freed on one host is taken on the other.
/// </summary>
[Collection(TwoHostCollection.Name)]
public sealed class TwoHostBudgetTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Submits = 50;
    private const int Room = 10;

    [Fact]
    public async Task Fifty_concurrent_submits_against_room_for_ten_open_tasks_give_exactly_ten()
    {
        await using var stack = await TwoHostStack.StartAsync(azurite, settings => settings.Configuration["Budgets:MaxOpenTasks"] = $"{Room}");

        // Held pending at PiAPI, so every admitted task stays open for the whole run.
        var answers = await SubmitAllAsync(stack, "[sim:hold]");

        var accepted = answers.Where(a => a.Status == HttpStatusCode.Accepted).ToList();
        Assert.Equal(Room, accepted.Count);
        Assert.All(answers.Except(accepted), a => Assert.Equal((HttpStatusCode.TooManyRequests, "open_tasks"), (a.Status, a.Body.GetProperty("limit").GetString())));
        Assert.Equal(Room, (await stack.EntitiesAsync()).Count);
        Assert.Equal(Room, stack.Ledger.CreateAccepted);

        // Cancelling one (Kling, pending) frees its slot for the next submit, through either host.
        var cancelled = Id(accepted[0].Body);
        await WaitForPendingAsync(stack, cancelled);
        var (cancel, _) = await SpendRequests.CancelAsync(stack.Api, cancelled);
        var next = await SpendRequests.SubmitAsync(stack.Api, SpendRequests.Kling($"budget after cancel {Guid.NewGuid():N} [sim:hold]"));
        var (full, _) = await SpendRequests.SubmitAsync(stack.Api, SpendRequests.Kling($"budget full again {Guid.NewGuid():N} [sim:hold]"));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests), (next.Response.StatusCode, full.StatusCode));
    }

    [Fact]
    public async Task Fifty_concurrent_submits_against_room_for_ten_in_the_daily_spend_give_exactly_ten()
    {
        // Kling 3.0 std for 5 s is $0.50: $5 is room for ten.
        await using var stack = await TwoHostStack.StartAsync(azurite, settings => settings.Configuration["Budgets:DailySpendUsd"] = "5");

        var answers = await SubmitAllAsync(stack, string.Empty);

        Assert.Equal(Room, answers.Count(a => a.Status == HttpStatusCode.Accepted));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Accepted), a => Assert.Equal("daily_spend", a.Body.GetProperty("limit").GetString()));
        Assert.Equal(Room, stack.Ledger.CreateAccepted);
        using var spend = JsonDocument.Parse(await stack.Api.GetStringAsync("api/spend"));
        Assert.Equal(5m, spend.RootElement.GetProperty("today_usd").GetDecimal());
    }

    private async Task<List<(HttpStatusCode Status, JsonElement Body)>> SubmitAllAsync(TwoHostStack stack, string tags)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, Submits).Select(async i =>
        {
            var (response, body) = await SpendRequests.SubmitAsync(stack.Api, SpendRequests.Kling($"budget {i} {Guid.NewGuid():N} {tags}".Trim()));
            using (response)
            {
                return (response.StatusCode, body);
            }
        }));
        output.WriteLine($"{Submits} concurrent submits on two hosts: {answers.Count(a => a.StatusCode == HttpStatusCode.Accepted)} accepted, {answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests)} refused (429), in {started.ElapsedMilliseconds} ms");
        return [.. answers];
    }

    private static async Task WaitForPendingAsync(TwoHostStack stack, string id)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(50))
        {
            using var task = JsonDocument.Parse(await stack.Api.GetStringAsync($"api/tasks/{id}"));
            if (task.RootElement.GetProperty("status").GetString() == "pending")
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Task {id} never reached pending.");
        }
    }

    private static string Id(JsonElement task) => task.GetProperty("id").GetString()!;
}
