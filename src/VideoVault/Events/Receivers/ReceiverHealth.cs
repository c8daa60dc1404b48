using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Events.Delivery;

namespace VideoVault.Events.Receivers;

/// <summary>
/// Keeps each receiver's record as deliveries go: read at most once per <see cref="CacheFor"/> per
/// process, written only when its health changes (a first delivery, a failure, the end of a run of
/// failures), so a receiver that answers 2xx costs no storage operation per event.
/// </summary>
internal sealed partial class ReceiverHealth(
    IWebhookReceiverStore store,
    IOptionsMonitor<EventOptions> options,
    TimeProvider timeProvider,
    ILogger<ReceiverHealth> logger)
{
    /// <summary>How stale a receiver's state may be here: a pause made by another instance takes effect within this.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private const int MaxConflicts = 10;

    private readonly ConcurrentDictionary<string, (WebhookReceiver? Receiver, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);

    /// <returns>The receiver of <paramref name="url"/>, or null when nothing was ever sent there.</returns>
    public async Task<WebhookReceiver?> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        var key = ReceiverUrl.Key(url);
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && now - cached.ReadAt < CacheFor)
        {
            return cached.Receiver;
        }

        var receiver = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        _cache[key] = (receiver, now);
        return receiver;
    }

    /// <summary>Records what an attempt to <paramref name="url"/> says about its receiver, writing only a change.</summary>
    public async Task RecordAsync(Uri url, WebhookAttemptResult result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var pauseAfter = options.CurrentValue.PauseAfter;
        var current = await GetAsync(url, cancellationToken).ConfigureAwait(false);
        for (var conflict = 0; ; conflict++)
        {
            var next = (current ?? WebhookReceiver.New(url)).After(result, at, pauseAfter);
            if (next == current)
            {
                return;
            }

            if (await store.TryWriteAsync(next, cancellationToken).ConfigureAwait(false) is { } written)
            {
                Remember(written);
                if (written.Paused && current?.Paused != true)
                {
                    Log.Paused(logger, LoggableUrl.HostAndPath(url), written.FailingSince!.Value, written.LastError);
                }

                return;
            }

            if (conflict == MaxConflicts)
            {
                throw new InvalidOperationException($"Receiver {next.Key} kept changing under {MaxConflicts} consecutive updates.");
            }

            current = await store.GetAsync(next.Key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes a record just written by an operator's call, so this process sees it at once.</summary>
    public void Remember(WebhookReceiver receiver) => _cache[receiver.Key] = (receiver, timeProvider.GetUtcNow());

    private static partial class Log
    {
        [LoggerMessage(EventId = 1140, Level = LogLevel.Error, Message = "Receiver {Target} paused: every delivery has failed since {FailingSince:o} ({Error}); its events are held until it is resumed")]
        public static partial void Paused(ILogger logger, string target, DateTimeOffset failingSince, string? error);
    }
}
