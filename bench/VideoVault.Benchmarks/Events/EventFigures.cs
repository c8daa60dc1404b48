namespace VideoVault.Benchmarks.Events;

internal sealed record EventLatency(int Concurrency, int Events, double P50Ms, double P99Ms, double MaxMs);

/// <param name="AddedByOperation">Per event, by operation: the requests of status moves raising one event minus those of moves raising none.</param>
/// <param name="OpsPerPlainChange">Requests of a status move that raises no event (the guarded replace and the task index's row move).</param>
internal sealed record EventFigures(
    IReadOnlyList<EventLatency> Latency,
    int CountedEvents,
    double AddedOpsPerEvent,
    IReadOnlyDictionary<string, double> AddedByOperation,
    double OpsPerPlainChange)
{
    /// <summary>
    /// Work-queue receives are left out: the queue trigger polls whether or not there are events, so a
    /// count of them measures the polling interval, not the events. Each processed message is one receive
    /// and one delete, and deletes are counted, so a receive per delete is added back.
    /// </summary>
    public static EventFigures From(IReadOnlyList<EventLatency> latency, int events, Dictionary<string, int> withEvents, Dictionary<string, int> withoutEvents)
    {
        static Dictionary<string, int> Normalised(Dictionary<string, int> counts)
        {
            var result = counts.Where(p => !p.Key.EndsWith("receive", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
            result["work queue receive"] = counts.GetValueOrDefault("work queue delete");
            return result;
        }

        var (on, off) = (Normalised(withEvents), Normalised(withoutEvents));
        var added = on.Keys.Union(off.Keys)
            .Select(key => (key, (on.GetValueOrDefault(key) - off.GetValueOrDefault(key)) / (double)events))
            .Where(pair => pair.Item2 != 0)
            .OrderBy(pair => pair.key, StringComparer.Ordinal)
            .ToDictionary(pair => pair.key, pair => pair.Item2, StringComparer.Ordinal);
        return new EventFigures(latency, events, added.Values.Sum(), added, off.Values.Sum() / (double)events);
    }
}
