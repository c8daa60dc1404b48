using System.Collections.Concurrent;
using System.Diagnostics;
using VideoVault.Telemetry;

namespace VideoVault.Tests.Fakes;

/// <summary>
/// The app's spans that carry one task's id, recorded as they end while this lives. The listener is
/// process-wide, so tests running side by side keep apart by their tasks' ids.
/// </summary>
internal sealed class RecordedSpans : IDisposable
{
    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly ActivityListener _listener;

    public RecordedSpans(string taskId)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == VideoVaultTelemetry.Name,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(VideoVaultTelemetry.TaskIdTag), taskId))
                {
                    _ended.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Ended => [.. _ended];

    public Activity Single(string name) => Assert.Single(_ended, span => span.OperationName == name);

    /// <summary>The spans' attributes whose value holds any of <paramref name="secrets"/>, as "span key".</summary>
    public List<string> Holding(params string[] secrets) =>
        [.. _ended.SelectMany(span => span.TagObjects
            .Where(tag => secrets.Any(secret => (tag.Value?.ToString() ?? string.Empty).Contains(secret, StringComparison.Ordinal)))
            .Select(tag => $"{span.OperationName} {tag.Key}"))];

    public void Dispose() => _listener.Dispose();
}
