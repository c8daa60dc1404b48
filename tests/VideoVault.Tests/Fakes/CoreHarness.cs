using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using VideoVault.Archiving;
using VideoVault.Budgets;
using VideoVault.Events;
using VideoVault.Inbound;
using VideoVault.Intake;
using VideoVault.Operations;
using VideoVault.PiApi;
using VideoVault.Telemetry;
using VideoVault.Work;
using VideoVault.Workers;

namespace VideoVault.Tests.Fakes;

/// <summary>
/// The core's classes wired to in-memory seams and a fake clock: what a webhook, a worker and the
/// reconcile chain would do, decided in milliseconds. Every change goes through the event journal into
/// the in-memory task table, so a test sees the events it raised. PiAPI and the copier are mocks a test sets up.
/// </summary>
internal sealed class CoreHarness
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public CoreHarness()
    {
        Store = new InMemoryTaskStore(Clock);
        Queue = new InMemoryWorkQueue(Clock);
        var signing = new WebhookSigningOptions { Keys = new() { ["k1"] = Convert.ToBase64String(new byte[32]) }, CurrentKeyId = "k1" };
        Secrets = new TaskWebhookSecrets(Mock.Of<IOptionsMonitor<WebhookSigningOptions>>(monitor => monitor.CurrentValue == signing));
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public InMemoryTaskStore Store { get; }

    public InMemoryWorkQueue Queue { get; }

    public TaskWebhookSecrets Secrets { get; }

    public VideoVaultOptions Options { get; } = new() { PublicBaseUrl = new Uri("https://vault.example/") };

    public PiApiOptions PiApiOptions { get; } = new() { ApiKey = "test-key" };

    public Mock<IPiApiClient> PiApi { get; } = new(MockBehavior.Strict);

    public Mock<IVideoArchiver> Archiver { get; } = new(MockBehavior.Strict);

    public FakeLogCollector Logs { get; } = new();

    /// <summary>How long a send may stay unanswered before anyone sends again.</summary>
    public TimeSpan UncertainHold => Uncertainty().Hold;

    public SubmitUncertainty Uncertainty() => new(Wrap(Options), Wrap(PiApiOptions));

    /// <summary>Real instruments on a meter factory of the harness's own; nothing listens unless a test does.</summary>
    public VideoVaultMetrics Metrics { get; } = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    /// <summary>Where the journal hands the events it wrote; nothing delivers them here.</summary>
    public EventDispatcher Dispatcher { get; } = new();

    /// <summary>The events stored for a task, as (sequence, type) in sequence order: what its changes raised.</summary>
    public IReadOnlyList<(int Sequence, string Type)> Raised(string taskId) => [.. Store.EventsOf(taskId).Select(e => (e.Sequence, e.Type))];

    public TaskUpdater Updater() => new(Store, Clock, TestJournal.Over(Store, Queue, Clock, Dispatcher));

    public TaskSubmitter Submitter() =>
        new(Updater(), PiApi.Object, Secrets, new TaskProgressRecorder(Updater(), TestCatalog.Default), Queue, Backoff(), Wrap(Options), Uncertainty(), Clock, Metrics, new FakeLogger<TaskSubmitter>(Logs));

    public InMemoryBudgetLedger Ledger { get; } = new();

    public TaskBudget Budget() => new(Ledger, TestCatalog.Default, Wrap(new BudgetOptions()), Clock, new FakeLogger<TaskBudget>(Logs));

    public TaskIntake Intake() => new(Store, Submitter(), Queue, Budget(), Wrap(Options), Clock, new FakeLogger<TaskIntake>(Logs));

    public TaskRetry Retry() => new(Store, Updater(), Submitter(), Uncertainty(), Queue, Wrap(Options), Clock, new FakeLogger<TaskRetry>(Logs));

    public TaskCancellation Cancellation() =>
        new(Store, Updater(), Uncertainty(), PiApi.Object, TestCatalog.Default, Wrap(PiApiOptions), Clock, new FakeLogger<TaskCancellation>(Logs));

    public ArchiveCoordinator Archive() =>
        new(Updater(), Archiver.Object, Queue, Backoff(), Wrap(Options), Clock, Metrics, new FakeLogger<ArchiveCoordinator>(Logs));

    public TaskReconciler Reconciler() =>
        new(Store, Updater(), PiApi.Object, new TaskProgressRecorder(Updater(), TestCatalog.Default), Submitter(), Archive(), Budget(), Queue, Backoff(), Wrap(Options), Clock, new FakeLogger<TaskReconciler>(Logs));

    public ChatStreamRunner ChatRunner(HttpMessageHandler piApiChat) =>
        new(Updater(), ChatClient(piApiChat), Archive(), Queue, Backoff(), Wrap(Options), Clock, new FakeLogger<ChatStreamRunner>(Logs));

    /// <summary>The real chat client over an in-process handler: its classification of PiAPI's answers is part of what the runner decides on.</summary>
    private PiApiChatClient ChatClient(HttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = PiApiOptions.BaseUrl }, Wrap(PiApiOptions), Clock, new FakeLogger<PiApiChatClient>(Logs));

    private RetryBackoff Backoff() => new(Wrap(Options));

    private static IOptions<T> Wrap<T>(T value)
        where T : class => Microsoft.Extensions.Options.Options.Create(value);
}
