using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using VideoVault.Operations;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Work;
using VideoVault.Workers;

namespace VideoVault.Tests.Workers;

/// <summary>A poison queue has no poison queue: whatever happens, the handler ends the message.</summary>
public sealed class PoisonProcessorTests
{
    private readonly Mock<ITaskStore> _store = new(MockBehavior.Strict);

    private PoisonProcessor Processor() =>
        new(new TaskUpdater(_store.Object, TimeProvider.System, TestJournal.Over(_store.Object, Mock.Of<IWorkQueue>(MockBehavior.Strict), TimeProvider.System)), NullLogger<PoisonProcessor>.Instance);

    private static string Message(string taskId) => WorkItemJson.Serialize(new WorkItem(WorkItemKind.Archive, taskId, 5));

    [Fact]
    public async Task A_task_that_cannot_be_read_ends_the_message()
    {
        var id = TaskIds.New(TimeProvider.System);
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ThrowsAsync(new UnreadableTaskException(id, "'teleported' is not a task status."));

        await Processor().ProcessAsync(Message(id), CancellationToken.None);

        _store.Verify(s => s.GetAsync(id, It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public async Task Storage_failing_ends_the_message_too()
    {
        var id = TaskIds.New(TimeProvider.System);
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ThrowsAsync(new Azure.RequestFailedException(503, "busy"));

        await Processor().ProcessAsync(Message(id), CancellationToken.None);

        _store.Verify(s => s.GetAsync(id, It.IsAny<CancellationToken>()), Times.Once());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"kind":"archive","task_id":"../../etc","attempt":1}""")]
    public async Task Junk_ends_without_touching_storage(string message)
    {
        await Processor().ProcessAsync(message, CancellationToken.None);

        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_poisoned_delivery_never_fails_the_task_whose_change_it_reports()
    {
        var id = TaskIds.New(TimeProvider.System);

        await Processor().ProcessAsync(WorkItemJson.Serialize(new WorkItem(WorkItemKind.Deliver, id, 0)), CancellationToken.None);

        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_host_shutting_down_still_stops_the_handler()
    {
        var id = TaskIds.New(TimeProvider.System);
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        _store.Setup(s => s.GetAsync(id, It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException(stopping.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Processor().ProcessAsync(Message(id), stopping.Token));
    }
}
