using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using VideoVault.Archiving;
using VideoVault.Events;
using VideoVault.Tasks;
using VideoVault.Views;
using VideoVault.Work;

namespace VideoVault.Tests.Fakes;

/// <summary>
/// The event journal as the hosts wire it, over a test's store and work queue: default event options, and a
/// dispatcher nobody drains (it takes 4096 changes before the journal falls back to the work queue).
/// </summary>
internal static class TestJournal
{
    public static TaskEventJournal Over(ITaskStore store, IWorkQueue workQueue, TimeProvider clock, EventDispatcher? dispatcher = null)
    {
        var options = Options.Create(new VideoVaultOptions { PublicBaseUrl = new Uri("https://vault.example/") });
        var views = new TaskViewFactory(Mock.Of<IVideoBlobStore>(MockBehavior.Strict), options, clock);
        var events = Mock.Of<IOptionsMonitor<EventOptions>>(monitor => monitor.CurrentValue == new EventOptions());
        return new TaskEventJournal(store, views, dispatcher ?? new EventDispatcher(), workQueue, events, NullLogger<TaskEventJournal>.Instance);
    }
}
