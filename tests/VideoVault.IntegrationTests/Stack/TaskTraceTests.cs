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
/// One task's life on the stack, collected by an in-memory exporter: one trace from the submit to the
/// archived video, through PiAPI's webhook and a copy retried through the queue, every span carrying the
/// task id and none of its attributes a secret; the metrics record the outcome.
/// </summary>
public sealed class TaskTraceTests(AzuriteFixture azurite) : StackTest(azurite)
{
    private readonly Recorded<Activity> _spans = new();
    private readonly Recorded<Metric> _metrics = new();

    protected override void Configure(StackSettings settings) =>
        settings.DevHostServices = services => services.AddOpenTelemetry()
            .AddVideoVaultInstrumentation()
            .WithTracing(tracing => tracing.AddInMemoryExporter(_spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics));

    [Fact]
    public async Task A_task_retried_through_the_queue_is_one_trace_with_its_id_on_every_span_and_no_secret()
    {
        var prompt = Prompt("[sim:videofail=1]");
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(prompt, Stack.ConsumerUrl("trace-" + Guid.NewGuid().ToString("N")[..8]))));
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        var spans = await WaitForSpansAsync(id, spans => spans.Any(span => span.OperationName == "event delivery" && Equals(span.GetTagItem(VideoVaultTelemetry.EventTypeTag), "task.archived")));

        var submit = Assert.Single(spans, span => span.OperationName == "task submit");
        var trace = spans.Where(span => span.TraceId == submit.TraceId).OrderBy(span => span.StartTimeUtc).ToList();
        var own = spans.Where(span => span.Source.Name == VideoVaultTelemetry.Name).ToList();
        Assert.All(own, span => Assert.Equal(submit.TraceId, span.TraceId));
        Assert.All(trace, span => Assert.Equal(id, span.GetTagItem(VideoVaultTelemetry.TaskIdTag)));

        // In order: the submit, PiAPI's create, the webhook, a failed copy, the retry's work item and its copy that archived.
        var names = trace.Select(span => span.OperationName).ToList();
        var copies = trace.Where(span => span.OperationName == "video copy").ToList();
        Assert.Equal(2, copies.Count);
        Assert.Equal(ActivityStatusCode.Error, copies[0].Status);
        Assert.Equal(nameof(Archiving.ArchiveOutcomeKind.Archived), copies[1].GetTagItem(VideoVaultTelemetry.OutcomeTag));
        Assert.True((long)copies[1].GetTagItem(VideoVaultTelemetry.CopyBytesTag)! > 0);
        var retry = trace.First(span => span.OperationName == "work archive" && span.StartTimeUtc > copies[0].StartTimeUtc);
        Assert.True(Index(names, "task submit") < Index(names, "piapi CreateTask"));
        Assert.True(Index(names, "piapi CreateTask") < Index(names, "piapi webhook"));
        Assert.True(trace.First(span => span.OperationName == "piapi webhook").StartTimeUtc <= copies[0].StartTimeUtc);
        Assert.True(retry.StartTimeUtc < copies[1].StartTimeUtc);
        Assert.Equal(retry.SpanId, copies[1].ParentSpanId);
        Assert.Contains(trace, span => span.Source.Name.StartsWith("Azure.", StringComparison.Ordinal));
        Assert.Contains(trace, span => span.Source.Name == "System.Net.Http");

        var forbidden = new[] { Stack.Secrets.Create(id), TestStack.SimulatorApiKey, "sig=", prompt };
        var leaks = trace.SelectMany(span => span.TagObjects.Select(tag => (span.OperationName, tag.Key, Value: tag.Value?.ToString() ?? string.Empty)))
            .Where(tag => forbidden.Any(secret => tag.Value.Contains(secret, StringComparison.Ordinal)))
            .ToList();
        Assert.True(leaks.Count == 0, "Secrets in span attributes: " + string.Join(", ", leaks.Select(leak => $"{leak.OperationName} {leak.Key}")));

        Stack.DevHostServices.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.True(Sum("videovault.tasks.finished", ("videovault.outcome", "archived")) >= 1);
        Assert.True(Sum("videovault.tasks.submitted", ("videovault.outcome", "accepted")) >= 1);
        Assert.True(Count("videovault.copy.duration", ("videovault.outcome", nameof(Archiving.ArchiveOutcomeKind.TransientFailure))) >= 1);
        Assert.True(Count("videovault.task.submit_to_archived") >= 1);
    }

    private static int Index(List<string> names, string name)
    {
        var index = names.IndexOf(name);
        Assert.True(index >= 0, $"No span {name} in: {string.Join(", ", names)}");
        return index;
    }

    private async Task<List<Activity>> WaitForSpansAsync(string taskId, Func<List<Activity>, bool> done)
    {
        var tracer = Stack.DevHostServices.GetRequiredService<TracerProvider>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            tracer.ForceFlush();
            var spans = _spans.Snapshot().Where(span => Equals(span.GetTagItem(VideoVaultTelemetry.TaskIdTag), taskId)).ToList();

            if (done(spans) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(100);
        }
    }

    private long Sum(string name, params (string Key, string Value)[] tags) =>
        Points(name, tags).Sum(point => point.GetSumLong());

    private long Count(string name, params (string Key, string Value)[] tags) =>
        Points(name, tags).Sum(point => point.GetHistogramCount());

    private List<MetricPoint> Points(string name, (string Key, string Value)[] tags)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in _metrics.Snapshot().Where(metric => metric.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value;
                }

                if (tags.All(tag => Equals(pointTags.GetValueOrDefault(tag.Key), tag.Value)))
                {
                    points.Add(point);
                }
            }
        }

        return points;
    }

    /// <summary>The exporters add from the threads that end spans; the test reads a copy taken under the same lock.</summary>
    private sealed class Recorded<T> : Collection<T>
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
