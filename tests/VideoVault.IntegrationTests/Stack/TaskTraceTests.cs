using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Tasks;
using VideoVault.Telemetry;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// One task's life on the stack, collected by an in-memory exporter: one trace from the submit to the
/// archived video, through PiAPI's webhook and a copy retried through the queue, every span carrying the
/// task id and none of its attributes a secret; the metrics record the outcome. A chat task's stream is a
/// PiAPI call of its trace too.
/// </summary>
public sealed class TaskTraceTests(AzuriteFixture azurite) : TracedStackTest(azurite)
{
    [Fact]
    public async Task A_task_retried_through_the_queue_is_one_trace_with_its_id_on_every_span_and_no_secret()
    {
        var prompt = Prompt("[sim:videofail=1]");
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(prompt, Stack.ConsumerUrl("trace-" + Guid.NewGuid().ToString("N")[..8]))));
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        // A work item's span ends (and is exported) after the copy inside it: wait for the retry's too.
        var spans = await WaitForSpansAsync(id, spans =>
            spans.Any(span => span.OperationName == "event delivery" && Equals(span.GetTagItem(VideoVaultTelemetry.EventTypeTag), "task.archived"))
            && spans.Any(work => work.OperationName == "work archive" && spans.Any(copy => copy.OperationName == "video copy" && copy.ParentSpanId == work.SpanId)));

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

        AssertNoAttributeHolds(trace, Secrets(id, prompt));

        Stack.DevHostServices.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.True(Sum("videovault.tasks.finished", ("videovault.outcome", "archived")) >= 1);
        Assert.True(Sum("videovault.tasks.submitted", ("videovault.outcome", "accepted")) >= 1);
        Assert.True(Count("videovault.copy.duration", ("videovault.outcome", nameof(Archiving.ArchiveOutcomeKind.TransientFailure))) >= 1);
        Assert.True(Count("videovault.task.submit_to_archived") >= 1);
    }

    [Fact]
    public async Task A_chat_tasks_stream_is_a_PiAPI_call_of_its_trace_with_its_id_and_no_secret_prompt_or_metadata()
    {
        var prompt = Prompt();
        var metadata = "caller-" + Guid.NewGuid().ToString("N");
        var body = new JsonObject { ["model"] = ModelNames.Sora2Preview, ["input"] = new JsonObject { ["prompt"] = prompt }, ["metadata"] = new JsonObject { ["caller"] = metadata } };
        var id = Id(await Stack.SubmitAsync(body));
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        var spans = await WaitForSpansAsync(id, spans => spans.Any(span => span.OperationName == "video copy") && spans.Any(span => span.OperationName == "work stream"));

        var submit = Assert.Single(spans, span => span.OperationName == "task submit");
        var stream = Assert.Single(spans, span => span.OperationName == "work stream");
        var call = Assert.Single(spans, span => span.OperationName == "piapi ChatCompletion");
        Assert.Equal((submit.TraceId, stream.SpanId, ActivityKind.Client), (call.TraceId, call.ParentSpanId, call.Kind));
        Assert.Equal<object?>(["ChatCompletion", ModelNames.Sora2Preview, "success"], [call.GetTagItem(VideoVaultTelemetry.OperationTag), call.GetTagItem(VideoVaultTelemetry.ModelTag), call.GetTagItem(VideoVaultTelemetry.OutcomeTag)]);
        Assert.Contains(spans, span => span.Source.Name == "System.Net.Http" && span.ParentSpanId == call.SpanId);

        // The call lasts as long as its stream, which ends before the copy starts.
        Assert.True(call.StartTimeUtc + call.Duration <= spans.Single(span => span.OperationName == "video copy").StartTimeUtc);
        AssertNoAttributeHolds(spans, Secrets(id, prompt, metadata));
    }

    private static int Index(List<string> names, string name)
    {
        var index = names.IndexOf(name);
        Assert.True(index >= 0, $"No span {name} in: {string.Join(", ", names)}");
        return index;
    }

    private long Sum(string name, params (string Key, string Value)[] tags) =>
        Points(name, tags).Sum(point => point.GetSumLong());

    private long Count(string name, params (string Key, string Value)[] tags) =>
        Points(name, tags).Sum(point => point.GetHistogramCount());

    private List<MetricPoint> Points(string name, (string Key, string Value)[] tags)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in Metrics.Snapshot().Where(metric => metric.Name == name))
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
}
