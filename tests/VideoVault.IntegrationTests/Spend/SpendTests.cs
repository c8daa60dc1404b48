using System.Net;
using System.Text.Json;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Spend;

/// <summary>Cost per task and the budgets on one dev host: estimates, PiAPI's usage, 429s that send nothing, repeats that never count.</summary>
public sealed class SpendTests(AzuriteFixture azurite) : StackTest(azurite)
{
    protected override void Configure(StackSettings settings)
    {
        // Three Kling tasks ($0.50 each) fit the day; Sora 2 Pro 720p 4 s is $0.96, over its own model limit of $0.50.
        settings.Configuration["Budgets:DailySpendUsd"] = "1.5";
        settings.Configuration["Budgets:ModelDailySpendUsd:sora2"] = "0.5";
    }

    [Fact]
    public async Task A_task_carries_its_estimate_and_PiApis_usage_in_its_view_its_events_and_the_list()
    {
        var id = Id(await Stack.SubmitAsync(SpendRequests.Kling(Prompt())));
        var task = await Stack.WaitForTerminalAsync(id);

        Assert.Equal("archived", Status(task));
        var cost = task.GetProperty("cost");
        Assert.Equal((0.5m, "catalog"), (cost.GetProperty("estimated_usd").GetDecimal(), cost.GetProperty("estimate_basis").GetString()));

        // The simulator's Kling std price, $0.10/s for 5 s, in PiAPI's unit of 1e-7 USD, consumed at completion.
        var usage = cost.GetProperty("usage");
        Assert.Equal(("point", 5_000_000L), (usage.GetProperty("type").GetString(), usage.GetProperty("consume").GetInt64()));
        using var events = JsonDocument.Parse(await Stack.Api.GetStringAsync($"/api/tasks/{id}/events"));
        var archived = events.RootElement.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "task.archived");
        Assert.Equal(0.5m, archived.GetProperty("data").GetProperty("cost").GetProperty("estimated_usd").GetDecimal());
        using var list = JsonDocument.Parse(await Stack.Api.GetStringAsync("/api/tasks"));
        Assert.Equal(0.5m, list.RootElement.GetProperty("tasks")[0].GetProperty("cost").GetProperty("estimated_usd").GetDecimal());
    }

    [Fact]
    public async Task A_submit_over_the_daily_or_the_model_budget_answers_429_with_the_limit_and_sends_nothing()
    {
        var soraBody = TestStack.SubmitBody(Prompt());
        var firstBody = SpendRequests.Kling(Prompt());

        var (sora, soraProblem) = await SpendRequests.SubmitAsync(Stack.Api, soraBody);
        var first = await SpendRequests.SubmitAsync(Stack.Api, firstBody, "day-1");
        var second = await SpendRequests.SubmitAsync(Stack.Api, SpendRequests.Kling(Prompt()), "day-2");
        var (third, _) = await SpendRequests.SubmitAsync(Stack.Api, SpendRequests.Kling(Prompt()), "day-3");
        var fourth = await SpendRequests.SubmitAsync(Stack.Api, SpendRequests.Kling(Prompt()), "day-4");
        var repeat = await SpendRequests.SubmitAsync(Stack.Api, firstBody, "day-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, sora.StatusCode);
        Assert.Equal("model_daily_spend", soraProblem.GetProperty("limit").GetString());
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.Response.StatusCode, second.Response.StatusCode));
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.Response.StatusCode);
        Assert.Equal("daily_spend", fourth.Body.GetProperty("limit").GetString());
        var untilMidnight = DateTime.UtcNow.Date.AddDays(1) - DateTime.UtcNow;
        Assert.InRange(fourth.Response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, untilMidnight.TotalSeconds - 60, untilMidnight.TotalSeconds + 1);

        // The repeat of a stored task is answered as before, budget or not, and counts nothing more.
        Assert.Equal((HttpStatusCode.Accepted, Id(first.Body)), (repeat.Response.StatusCode, Id(repeat.Body)));
        Assert.Equal(3, Stack.Ledger.CreateAccepted);
        Assert.Equal(3, (await Stack.EntitiesAsync()).Count);
        using var spend = JsonDocument.Parse(await Stack.Api.GetStringAsync("/api/spend"));
        Assert.Equal((1.5m, 1.5m), (spend.RootElement.GetProperty("today_usd").GetDecimal(), spend.RootElement.GetProperty("daily_limit_usd").GetDecimal()));
        Assert.True(spend.RootElement.GetProperty("month_usd").GetDecimal() >= 1.5m);
    }

    [Fact]
    public async Task A_submit_that_fails_before_PiApi_takes_it_gives_its_spend_back()
    {
        // PiAPI refuses the key: submit_failed at once, nothing paid, so the day's spend is as before.
        var failed = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(SpendRequests.Kling(Prompt("[sim:unauthorized]")))));

        Assert.Equal("submit_failed", Status(failed));
        using var spend = JsonDocument.Parse(await Stack.Api.GetStringAsync("/api/spend"));
        Assert.Equal(0m, spend.RootElement.GetProperty("today_usd").GetDecimal());
    }
}
