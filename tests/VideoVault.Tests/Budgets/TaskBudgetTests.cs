using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VideoVault.Budgets;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Budgets;

/// <summary>What a task is estimated at, and what it gives back of the budgets when it ends.</summary>
public sealed class TaskBudgetTests
{
    private readonly InMemoryBudgetLedger _ledger = new();

    private TaskBudget Budget() => new(_ledger, TestCatalog.Default, Options.Create(new BudgetOptions { UnknownPriceUsd = 0.75m }), new FakeTimeProvider(CoreHarness.Start), NullLogger<TaskBudget>.Instance);

    [Fact]
    public void A_catalog_model_is_estimated_at_its_price_and_one_without_a_price_at_the_configured_default_never_zero()
    {
        var kling = new VideoRequest { Model = "kling", TaskType = "video_generation", Prompt = "p", CatalogEntryId = "kling-3.0", InputJson = """{"prompt":"p","version":"3.0","duration":5,"mode":"std"}""" };
        var chat = new VideoRequest { Model = "sora-2-preview", TaskType = string.Empty, Prompt = "p" };

        Assert.Equal((0.5m, false), Budget().Estimate(kling));
        Assert.Equal((0.75m, true), Budget().Estimate(chat));
    }

    [Theory]
    [InlineData(VideoTaskStatus.Cancelled, null, true)]
    [InlineData(VideoTaskStatus.Cancelled, "piapi-1", true)]
    [InlineData(VideoTaskStatus.SubmitFailed, null, true)]
    [InlineData(VideoTaskStatus.Failed, "piapi-1", false)]
    [InlineData(VideoTaskStatus.Archived, "piapi-1", false)]
    internal async Task A_task_that_ends_gives_its_slot_back_and_its_spend_only_when_nothing_was_paid(VideoTaskStatus status, string? piApiTaskId, bool refunded)
    {
        var task = Task(status) with { PiApiTaskId = piApiTaskId };

        await Budget().AfterMoveAsync(Task(VideoTaskStatus.Pending), task, CancellationToken.None);

        Assert.Equal([7], _ledger.Released);
        Assert.Equal(refunded, _ledger.Refunded.Contains(task.Id));
    }

    [Fact]
    public async Task An_open_task_gives_nothing_back()
    {
        await Budget().AfterMoveAsync(Task(VideoTaskStatus.Submitting), Task(VideoTaskStatus.Processing), CancellationToken.None);

        Assert.Empty(_ledger.Released);
        Assert.Empty(_ledger.Refunded);
    }

    private static VideoTask Task(VideoTaskStatus status) => new()
    {
        Id = "0123456789abcdef0123456789abcdef",
        Status = status,
        Request = new VideoRequest { Model = "kling", TaskType = "video_generation", Prompt = "p" },
        RequestHash = "h",
        CreatedAt = CoreHarness.Start,
        UpdatedAt = CoreHarness.Start,
        OpenSlot = 7,
        SpendDay = "2026-01-05",
    };
}
