using System.Globalization;
using VideoVault.Events;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>One chaos task's webhook receiver: its endpoint, the faults in its query, and what they mean for the checks.</summary>
/// <param name="Events">The subscription's event types; null for all. Always holds both terminal types.</param>
/// <param name="Refused">Reached through the flapping port, so some attempts find the connection refused.</param>
/// <param name="GoneFrom">The delivery from which the receiver answers 410, if it does.</param>
internal sealed record ChaosConsumer(string Endpoint, string Query, IReadOnlyList<string> Faults, IReadOnlyList<string>? Events, bool Refused, int? GoneFrom);

/// <summary>
/// Draws each task's receiver faults from its own seeded source (derived from the run's seed), so the
/// PiAPI faults a seed gives stay what they were before receivers had faults.
/// </summary>
internal sealed class ChaosConsumerPlan(int seed)
{
    private static readonly int[] FailStatuses = [500, 502, 503, 429];

    private readonly Random _random = new(unchecked((seed * 31) + 17));

    /// <summary>At most this many failed deliveries per receiver (fail + timeout + reset), within the chaos run's retry schedule.</summary>
    public const int MaxFailures = 5;

    public ChaosConsumer Draw(int index)
    {
        var faults = new List<string>();
        var query = new List<string>();
        void Add(string kind, string name, int value)
        {
            faults.Add(kind);
            query.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={value}"));
        }

        int? goneFrom = null;
        var failures = 0;
        if (Chance(0.15))
        {
            var fail = _random.Next(1, 4);
            Add("receiver 5xx/429", "fail", fail);
            query.Add(string.Create(CultureInfo.InvariantCulture, $"status={FailStatuses[_random.Next(FailStatuses.Length)]}"));
            failures += fail;
        }

        if (Chance(0.08))
        {
            Add("receiver timeout", "timeout", 1);
            failures++;
        }

        if (Chance(0.08) && failures < MaxFailures)
        {
            var reset = Math.Min(_random.Next(1, 3), MaxFailures - failures);
            Add("receiver connection reset", "reset", reset);
        }

        if (Chance(0.08))
        {
            Add("slow receiver", "slow", _random.Next(100, 600));
        }

        if (Chance(0.04))
        {
            goneFrom = _random.Next(1, 4);
            Add("receiver 410 Gone", "gone", goneFrom.Value);
        }

        var refused = Chance(0.06);
        if (refused)
        {
            faults.Add("receiver connection refused");
        }

        IReadOnlyList<string>? events = Chance(0.2)
            ? [.. TaskEventTypes.All.Where(type => type is TaskEventTypes.Archived or TaskEventTypes.Failed || Chance(0.5))]
            : null;
        if (events is not null)
        {
            faults.Add("subscription to some events");
        }

        return new ChaosConsumer($"chaos-{index}-{Guid.NewGuid():N}", string.Join('&', query), faults, events, refused, goneFrom);
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;
}
