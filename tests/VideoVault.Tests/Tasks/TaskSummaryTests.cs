using VideoVault.Tasks;

namespace VideoVault.Tests.Tasks;

/// <summary>What a list item holds of a task: only what its status changes (or submit fixed), the prompt cut short.</summary>
public sealed class TaskSummaryTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static VideoTask Task(VideoTaskStatus status, string prompt = "a lighthouse in a storm") => new()
    {
        Id = "t1",
        Status = status,
        Request = new VideoRequest { Model = ModelNames.Sora2, TaskType = ModelNames.Sora2ProVideo, Prompt = prompt, CatalogEntryId = ModelNames.Sora2ProVideo },
        RequestHash = "h",
        CreatedAt = Created,
        UpdatedAt = Created.AddMinutes(9),
        Timeline = [new(VideoTaskStatus.Submitting, Created), new(status, Created.AddMinutes(3))],
        Error = "PiAPI said no",
        Progress = 40,
        VideoSize = 2_097_152,
        EstimatedUsd = 0.96m,
    };

    [Fact]
    public void A_finished_task_keeps_its_reason_and_an_archived_one_its_size()
    {
        var failed = TaskSummary.Of(Task(VideoTaskStatus.Failed));
        var archived = TaskSummary.Of(Task(VideoTaskStatus.Archived));

        Assert.Equal("PiAPI said no", failed.Error);
        Assert.Null(failed.VideoSize);
        Assert.Equal(2_097_152, archived.VideoSize);
        Assert.Equal(new TaskSummary("t1", VideoTaskStatus.Archived, ModelNames.Sora2, ModelNames.Sora2ProVideo, ModelNames.Sora2ProVideo, "a lighthouse in a storm", Created, Created.AddMinutes(3), "PiAPI said no", 2_097_152, 0.96m, false), archived);
    }

    [Fact]
    public void An_open_tasks_passing_error_is_left_to_the_full_view()
    {
        Assert.Null(TaskSummary.Of(Task(VideoTaskStatus.Archiving)).Error);
    }

    [Fact]
    public void The_status_changed_when_the_timeline_says_or_else_at_the_last_write()
    {
        Assert.Equal(Created.AddMinutes(3), TaskSummary.Of(Task(VideoTaskStatus.Processing)).StatusChangedAt);
        Assert.Equal(Created.AddMinutes(9), TaskSummary.Of(Task(VideoTaskStatus.Processing) with { Timeline = [] }).StatusChangedAt);
        Assert.Equal(Created.AddMinutes(9), TaskSummary.Of(Task(VideoTaskStatus.Processing) with { Timeline = [new(VideoTaskStatus.Pending, Created)] }).StatusChangedAt);
    }

    [Fact]
    public void A_long_prompt_is_cut_to_its_first_characters_and_marked()
    {
        var exact = new string('p', TaskSummary.PromptLength);
        var cut = TaskSummary.Of(Task(VideoTaskStatus.Pending, exact + "q")).Prompt;

        Assert.Equal(exact, TaskSummary.Of(Task(VideoTaskStatus.Pending, exact)).Prompt);
        Assert.Equal(TaskSummary.PromptLength, cut.Length);
        Assert.Equal(new string('p', TaskSummary.PromptLength - 1) + "…", cut);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var prompt = new string('p', TaskSummary.PromptLength - 2) + "🎬🎬";

        var cut = TaskSummary.Of(Task(VideoTaskStatus.Pending, prompt)).Prompt;

        Assert.Equal(new string('p', TaskSummary.PromptLength - 2) + "…", cut);
    }
}
