using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using VideoVault.Archiving;
using VideoVault.Events;
using VideoVault.Events.Delivery;
using VideoVault.Events.Receivers;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Events;

/// <summary>
/// The event delivery classes wired to in-memory stores, a recording events queue and a scripted receiver
/// (an <see cref="HttpMessageHandler"/> answering each POST with the next status), on a fake clock.
/// </summary>
internal sealed class EventHarness
{
    public static readonly Uri ReceiverUrl = new("https://hooks.example/in?token=secret");

    private string? _taskId;

    public EventHarness(params HttpStatusCode[] answers)
    {
        Receiver = new ScriptedReceiver(answers);
        Store = new InMemoryTaskStore(Clock);
        Queue = new InMemoryWorkQueue(Clock);
        var events = new EventOptions { SigningSecrets = ["whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="], RetrySchedule = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)] };
        var options = Mock.Of<IOptionsMonitor<EventOptions>>(o => o.CurrentValue == events);
        var app = Options.Create(new VideoVaultOptions { PublicBaseUrl = new Uri("https://videovault.example/") });
        var payloads = new EventPayloads(Mock.Of<IVideoBlobStore>(), Store, app, Clock);
        var client = new EventWebhookClient(Mock.Of<IHttpClientFactory>(f => f.CreateClient(EventWebhookClient.HttpClientName) == new HttpClient(Receiver)), new StandardWebhookSigner(options), options, Clock);
        Health = new ReceiverHealth(Receivers, options, Clock, NullLogger<ReceiverHealth>.Instance);
        var metrics = new VideoVaultMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        Deliverer = new EventDeliverer(Store, Published, payloads, client, new WebhookRetrySchedule(options), Health, Queue, options, Clock, metrics, NullLogger<EventDeliverer>.Instance);
        Redelivery = new EventRedelivery(Store, payloads, client, Health, options, Clock, metrics, NullLogger<EventRedelivery>.Instance);
        Recovery = new ReceiverRecovery(Store, Receivers, Health, Queue, Clock, NullLogger<ReceiverRecovery>.Instance);
        Lease = Clock.GetUtcNow() + events.DeliveryLease;
    }

    public FakeTimeProvider Clock { get; } = new(EventRecords.At);

    /// <summary>The task table: the seeded task and its events.</summary>
    public InMemoryTaskStore Store { get; }

    public InMemoryReceiverStore Receivers { get; } = new();

    public RecordingEventQueue Published { get; } = new();

    public ScriptedReceiver Receiver { get; }

    public InMemoryWorkQueue Queue { get; }

    public ReceiverHealth Health { get; }

    public EventDeliverer Deliverer { get; }

    public EventRedelivery Redelivery { get; }

    public ReceiverRecovery Recovery { get; }

    /// <summary>The lease a transition writes its events with now.</summary>
    public DateTimeOffset Lease { get; }

    /// <summary>The events of the task <see cref="Seed"/> stored, in sequence order.</summary>
    public IReadOnlyList<TaskEventRecord> Events => Store.EventsOf(_taskId!);

    /// <summary>A task subscribed to <see cref="ReceiverUrl"/> (or not), with these events stored beside it.</summary>
    public VideoTask Seed(bool subscribed, params TaskEventRecord[] events)
    {
        var task = Store.Seed(TestTasks.New(Clock, VideoTaskStatus.Archived) with
        {
            Request = new VideoRequest { Model = ModelNames.Sora2, TaskType = ModelNames.Sora2Video, Prompt = "a fox", Webhook = subscribed ? new WebhookSubscription(ReceiverUrl, null) : null },
        });
        _taskId = task.Id;
        Store.SeedEvents([.. events.Select(e => e with { TaskId = task.Id, Receiver = subscribed ? VideoVault.Events.Receivers.ReceiverUrl.Key(ReceiverUrl) : null })]);
        return task;
    }

    /// <summary>An event as a transition writes it: pending, due now, not yet on the queue.</summary>
    public TaskEventRecord New(int sequence, string type, DateTimeOffset? lease = null) => new()
    {
        TaskId = "x",
        Sequence = sequence,
        Type = type,
        OccurredAt = Clock.GetUtcNow(),
        TaskStatus = VideoTaskStatus.Archived,
        Data = """{"id":"x","status":"archived","model":"sora2","input":{"prompt":"a fox"},"created_at":"2026-12-01T12:00:00+00:00","updated_at":"2026-12-01T12:00:00+00:00"}""",
        Webhook = WebhookDeliveryState.Pending,
        DueAt = Clock.GetUtcNow(),
        LeaseUntil = lease,
    };

    public TaskEventRecord Event(int sequence) => Events.Single(e => e.Sequence == sequence);
}

/// <summary>The events queue, kept in memory; <see cref="Unavailable"/> plays a storage outage.</summary>
internal sealed class RecordingEventQueue : IEventQueue
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public bool Unavailable { get; set; }

    public Task PublishAsync(string cloudEventJson, CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            throw new Azure.RequestFailedException(503, "The queue service is unavailable.");
        }

        _messages.Enqueue(cloudEventJson);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A receiver answering each POST with the next scripted status (2xx once the script is used up), remembering
/// the webhook ids in order; the first answer waits for <see cref="FirstAnswer"/> when a test holds it back.
/// </summary>
internal sealed class ScriptedReceiver(IReadOnlyList<HttpStatusCode> answers) : HttpMessageHandler
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _ids = new();
    private int _count;

    public IReadOnlyList<string> Ids => [.. _ids];

    public TaskCompletionSource FirstAnswer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool HoldFirstAnswer { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _ids.Enqueue(request.Headers.GetValues(StandardWebhookSigner.IdHeader).Single());
        var index = Interlocked.Increment(ref _count) - 1;
        if (index == 0 && HoldFirstAnswer)
        {
            await FirstAnswer.Task.WaitAsync(cancellationToken);
        }

        return new HttpResponseMessage(index < answers.Count ? answers[index] : HttpStatusCode.NoContent) { Content = new StringContent("no") };
    }
}
