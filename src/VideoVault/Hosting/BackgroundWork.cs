using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using VideoVault.Events;
using VideoVault.Storage;
using VideoVault.Workers;

namespace VideoVault.Hosting;

/// <summary>
/// What runs outside a request, one method per trigger: the work queue, its poison queue and the two sweeps. The
/// Functions app binds each to a queue or timer trigger; the dev host polls the queues and ticks the timers itself,
/// so it also gets the queue's name and a client on the app's storage connection here. The workers behind it are
/// internal, so this door speaks only framework types; its constructor is internal too, so <c>AddVideoVault</c> builds it.
/// </summary>
public sealed class BackgroundWork
{
    /// <summary>The reconcile sweep's timer, as NCRONTAB for the Functions timer trigger.</summary>
    public const string ReconcileSchedule = ReconcileSweep.Schedule;

    /// <summary>The event sweep's timer, as NCRONTAB for the Functions timer trigger.</summary>
    public const string EventSweepSchedule = EventSweep.Schedule;

    private readonly WorkProcessor _work;
    private readonly PoisonProcessor _poison;
    private readonly ReconcileSweep _reconcile;
    private readonly EventSweep _events;
    private readonly StorageClientFactory _clients;
    private readonly IOptions<VideoVaultOptions> _options;

    internal BackgroundWork(
        WorkProcessor work,
        PoisonProcessor poison,
        ReconcileSweep reconcile,
        EventSweep events,
        StorageClientFactory clients,
        IOptions<VideoVaultOptions> options)
    {
        _work = work;
        _poison = poison;
        _reconcile = reconcile;
        _events = events;
        _clients = clients;
        _options = options;
    }

    /// <summary>The period of <see cref="ReconcileSchedule"/>, for a host's own timer.</summary>
    public static TimeSpan ReconcileInterval => ReconcileSweep.Interval;

    /// <summary>The period of <see cref="EventSweepSchedule"/>, for a host's own timer.</summary>
    public static TimeSpan EventSweepInterval => EventSweep.Interval;

    /// <summary>The work queue, which <see cref="WorkQueueNames.WorkQueueTrigger"/> names as a setting; its poison queue is <see cref="WorkQueueNames.Poison"/> of it.</summary>
    public string WorkQueue => _options.Value.WorkQueue;

    /// <param name="message">The message's text as stored; empty or null for an empty message.</param>
    public Task ProcessWorkAsync(string? message, CancellationToken cancellationToken) => _work.ProcessAsync(message, cancellationToken);

    /// <param name="message">A message the work queue's trigger gave up on, as stored.</param>
    public Task ProcessPoisonAsync(string? message, CancellationToken cancellationToken) => _poison.ProcessAsync(message, cancellationToken);

    public Task SweepReconcileAsync(CancellationToken cancellationToken) => _reconcile.SweepAsync(cancellationToken);

    public Task SweepEventsAsync(CancellationToken cancellationToken) => _events.SweepAsync(cancellationToken);

    /// <summary>A queue client on the app's storage connection (the queue triggers' <c>Connection</c>), with the app's service version and retries.</summary>
    /// <param name="configure">The host's own options on top, such as the message encoding host.json asks for.</param>
    public QueueServiceClient CreateQueueServiceClient(Action<QueueClientOptions> configure) => _clients.CreateQueueServiceClient(configure);
}
