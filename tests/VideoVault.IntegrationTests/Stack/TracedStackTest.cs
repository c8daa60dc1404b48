using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Telemetry;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// A stack whose dev host collects its spans and metrics with an in-memory exporter, and what the trace
/// tests read of them: a task's spans, its trace, and the attributes that must never hold a secret.
/// </summary>
public abstract class TracedStackTest(AzuriteFixture azurite) : StackTest(azurite)
{
    protected Recorded<Activity> Spans { get; } = new();

    protected Recorded<Metric> Metrics { get; } = new();

    protected override void Configure(StackSettings settings) =>
        settings.DevHostServices = services => services.AddOpenTelemetry()
            .AddVideoVaultInstrumentation()
            .WithTracing(tracing => tracing.AddInMemoryExporter(Spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(Metrics));

    /// <summary>The spans that carry the task's id, once <paramref name="done"/> holds of them or 30 s have passed.</summary>
    protected async Task<List<Activity>> WaitForSpansAsync(string taskId, Func<List<Activity>, bool> done)
    {
        var tracer = Stack.DevHostServices.GetRequiredService<TracerProvider>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            tracer.ForceFlush();
            var spans = Spans.Snapshot().Where(span => Equals(span.GetTagItem(VideoVaultTelemetry.TaskIdTag), taskId)).ToList();

            if (done(spans) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>What no attribute of a task's spans may hold: its webhook secret, the PiAPI key, a SAS signature, and the caller's own words.</summary>
    protected string[] Secrets(string taskId, params string[] callersWords) =>
        [Stack.Secrets.Create(taskId), TestStack.SimulatorApiKey, "sig=", .. callersWords];

    protected static void AssertNoAttributeHolds(IEnumerable<Activity> spans, string[] secrets)
    {
        var leaks = spans.SelectMany(span => span.TagObjects.Select(tag => (span.OperationName, tag.Key, Value: tag.Value?.ToString() ?? string.Empty)))
            .Where(tag => secrets.Any(secret => tag.Value.Contains(secret, StringComparison.Ordinal)))
            .ToList();
        Assert.True(leaks.Count == 0, "Secrets in span attributes: " + string.Join(", ", leaks.Select(leak => $"{leak.OperationName} {leak.Key}")));
    }

    /// <summary>The exporters add from the threads that end spans; the test reads a copy taken under the same lock.</summary>
    protected sealed class Recorded<T> : Collection<T>
    {
        private readonly Lock _lock = new();

        public List<T> Snapshot()
        {
            lock (_lock)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (_lock)
            {
                base.InsertItem(index, item);
            }
        }

        protected override void ClearItems()
        {
            lock (_lock)
            {
                base.ClearItems();
            }
        }
    }
}
