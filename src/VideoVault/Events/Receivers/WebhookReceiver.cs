using VideoVault.Events.Delivery;

namespace VideoVault.Events.Receivers;

/// <summary>
/// The health of one receiver URL across every task that names it: when its deliveries started failing,
/// the last error, and whether it is paused. Written when its health changes, not on every delivery.
/// </summary>
/// <param name="Key"><see cref="ReceiverUrl.Key"/> of the URL.</param>
/// <param name="Url"><see cref="ReceiverUrl.Normalise"/>d: no query string.</param>
/// <param name="FailingSince">The first failed attempt since the last delivery; null while it delivers.</param>
/// <param name="PausedAt">When it was paused; null while it is active.</param>
internal sealed record WebhookReceiver(
    string Key,
    string Url,
    DateTimeOffset? FailingSince,
    DateTimeOffset? LastFailureAt,
    string? LastError,
    DateTimeOffset? PausedAt,
    string? ETag = null)
{
    public static WebhookReceiver New(Uri url) => new(ReceiverUrl.Key(url), ReceiverUrl.Normalise(url), null, null, null, null);

    public bool Paused => PausedAt is not null;

    /// <summary>
    /// The receiver after one attempt: a delivery ends a run of failures, a failure starts or extends one
    /// and pauses the receiver once the run has lasted <paramref name="pauseAfter"/>. A 410 says nothing
    /// about the receiver's health (it answered, and meant it), and neither does a refusal by the outbound guard.
    /// </summary>
    public WebhookReceiver After(WebhookAttemptResult result, DateTimeOffset at, TimeSpan pauseAfter)
    {
        if (result.Delivered)
        {
            return this with { FailingSince = null };
        }

        if (result.Gone || result.Permanent)
        {
            return this;
        }

        var since = FailingSince ?? at;
        return this with
        {
            FailingSince = since,
            LastFailureAt = at,
            LastError = result.Error,
            PausedAt = PausedAt ?? (at - since >= pauseAfter ? at : null),
        };
    }

    /// <summary>Active again, with a fresh start: the old run of failures does not pause it at its next failure.</summary>
    public WebhookReceiver Resumed() => this with { PausedAt = null, FailingSince = null };
}
