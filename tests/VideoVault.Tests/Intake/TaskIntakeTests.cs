using Moq;
using VideoVault.Intake;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Work;

namespace VideoVault.Tests.Intake;

/// <summary>A submit taken in: stored once per Idempotency-Key, with its reconcile chain queued before the insert, then sent or handed to the stream.</summary>
public sealed class TaskIntakeTests
{
    private readonly CoreHarness _core = new();

    private static VideoRequest Request(string prompt = "a cat surfing", string model = ModelNames.Sora2Video) =>
        new()
        {
            Model = model,
            TaskType = ModelNames.IsChatCompletions(model) ? string.Empty : "txt2video",
            Prompt = prompt,
            InputJson = ModelNames.IsChatCompletions(model) ? null : $$"""{"prompt":"{{prompt}}"}""",
        };

    private void PiApiCreates() =>
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));

    [Fact]
    public async Task A_new_task_is_stored_behind_its_reconcile_chain_and_sent()
    {
        PiApiCreates();

        var result = await _core.Intake().SubmitAsync(Request(), string.Empty, CancellationToken.None);

        Assert.Equal((IntakeOutcome.Created, VideoTaskStatus.Pending), (result.Outcome, result.Task.Status));
        var chain = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal((new WorkItem(WorkItemKind.Reconcile, result.Task.Id, 0), _core.Options.ReconcileDelay), (chain.Item, chain.Delay));
    }

    [Fact]
    public async Task The_same_key_and_request_return_the_first_task_without_a_second_send_or_chain()
    {
        PiApiCreates();
        var first = await _core.Intake().SubmitAsync(Request(), "key-1", CancellationToken.None);

        var again = await _core.Intake().SubmitAsync(Request(), "key-1", CancellationToken.None);

        Assert.Equal((IntakeOutcome.Repeated, first.Task.Id), (again.Outcome, again.Task.Id));
        _core.PiApi.Verify(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()), Times.Once());
        Assert.Single(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task A_key_reused_for_another_request_is_told_apart_and_changes_nothing()
    {
        PiApiCreates();
        var first = await _core.Intake().SubmitAsync(Request(), "key-1", CancellationToken.None);

        var other = await _core.Intake().SubmitAsync(Request("a dog skiing"), "key-1", CancellationToken.None);

        Assert.Equal((IntakeOutcome.KeyReused, first.Task), (other.Outcome, other.Task));
    }

    [Fact]
    public async Task A_chat_task_goes_to_the_stream_item_and_a_repeat_of_an_untouched_one_queues_it_again()
    {
        var created = await _core.Intake().SubmitAsync(Request(model: ModelNames.Sora2Preview), "chat-key", CancellationToken.None);
        var repeated = await _core.Intake().SubmitAsync(Request(model: ModelNames.Sora2Preview), "chat-key", CancellationToken.None);

        Assert.Equal((IntakeOutcome.Created, IntakeOutcome.Repeated), (created.Outcome, repeated.Outcome));
        Assert.Equal([new WorkItem(WorkItemKind.Stream, created.Task.Id, 0), new WorkItem(WorkItemKind.Stream, created.Task.Id, 0)], _core.Queue.Enqueued.Select(q => q.Item));
        _core.PiApi.VerifyNoOtherCalls();
    }
}
