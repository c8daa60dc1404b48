using System.Collections.Concurrent;

namespace VideoVault.PiApiSimulator.Consumer;

/// <summary>Every delivery the receiver got, per endpoint, in the order they arrived.</summary>
public sealed class ConsumerLedger
{
    private readonly ConcurrentQueue<ConsumerDelivery> _deliveries = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyList<ConsumerDelivery> Deliveries => [.. _deliveries];

    public IReadOnlyList<ConsumerDelivery> For(string endpoint) => [.. _deliveries.Where(d => d.Endpoint == endpoint)];

    /// <summary>Raised for each delivery as it is recorded (before it is answered), so a measurement need not poll.</summary>
    public event Action<ConsumerDelivery>? Recorded;

    /// <returns>The 1-based number of this delivery to <paramref name="endpoint"/>.</returns>
    internal int Count(string endpoint) => _counts.AddOrUpdate(endpoint, 1, (_, count) => count + 1);

    internal void Record(ConsumerDelivery delivery)
    {
        _deliveries.Enqueue(delivery);
        Recorded?.Invoke(delivery);
    }
}

/// <param name="Number">The delivery's 1-based number at its endpoint.</param>
/// <param name="SignatureError">Null when the signature verified.</param>
/// <param name="Answer">What the receiver did: the status it answered, or 0 when it never answered or dropped the connection.</param>
public sealed record ConsumerDelivery(
    string Endpoint,
    int Number,
    DateTimeOffset ReceivedAt,
    string? WebhookId,
    string? SignatureError,
    string? Type,
    int? Sequence,
    string? TaskId,
    string? TaskStatus,
    string? VideoUrl,
    ConsumerAnswer Outcome,
    int Answer)
{
    public bool Accepted => Answer is >= 200 and < 300;
}
