using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VideoVault.Telemetry;

/// <summary>
/// The instruments an operator charts, on the Meter "VideoVault". Tags are low-cardinality (model,
/// outcome, kind, result): never a task id, which belongs on spans.
/// </summary>
internal sealed class VideoVaultMetrics
{
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _submitToArchived;
    private readonly Histogram<long> _copyBytes;
    private readonly Histogram<double> _copyDuration;
    private readonly Counter<long> _piApiFailures;
    private readonly Counter<long> _eventDeliveries;
    private readonly Histogram<double> _eventDeliveryDuration;
    private readonly Histogram<double> _workItemAge;

    public VideoVaultMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(VideoVaultTelemetry.Name);
        _submitted = meter.CreateCounter<long>("videovault.tasks.submitted", "{task}", "Tasks handed to PiAPI, by model and outcome.");
        _finished = meter.CreateCounter<long>("videovault.tasks.finished", "{task}", "Tasks that reached a final status, by model and outcome.");
        _submitToArchived = meter.CreateHistogram<double>("videovault.task.submit_to_archived", "s", "Time from a task's creation to its video archived.");
        _copyBytes = meter.CreateHistogram<long>("videovault.copy.size", "By", "Bytes of each video copied into Blob Storage.");
        _copyDuration = meter.CreateHistogram<double>("videovault.copy.duration", "s", "Time of each copy attempt, by outcome.");
        _piApiFailures = meter.CreateCounter<long>("videovault.piapi.failures", "{failure}", "PiAPI calls that failed, by operation and kind.");
        _eventDeliveries = meter.CreateCounter<long>("videovault.event.deliveries", "{delivery}", "Event delivery attempts, by channel and result.");
        _eventDeliveryDuration = meter.CreateHistogram<double>("videovault.event.delivery.duration", "s", "Time of each event delivery attempt.");
        _workItemAge = meter.CreateHistogram<double>("videovault.work.item_age", "s", "Time a work item waited on the queue after it became visible.");
    }

    public void TaskSubmitted(string model, string outcome) =>
        _submitted.Add(1, new TagList { { VideoVaultTelemetry.ModelTag, model }, { VideoVaultTelemetry.OutcomeTag, outcome } });

    public void TaskFinished(string model, string outcome) =>
        _finished.Add(1, new TagList { { VideoVaultTelemetry.ModelTag, model }, { VideoVaultTelemetry.OutcomeTag, outcome } });

    public void TaskArchived(string model, TimeSpan sinceCreated) =>
        _submitToArchived.Record(sinceCreated.TotalSeconds, new TagList { { VideoVaultTelemetry.ModelTag, model } });

    public void Copied(long bytes, TimeSpan duration, string outcome)
    {
        var tags = new TagList { { VideoVaultTelemetry.OutcomeTag, outcome } };
        _copyDuration.Record(duration.TotalSeconds, tags);
        if (bytes > 0)
        {
            _copyBytes.Record(bytes, tags);
        }
    }

    public void PiApiFailed(string operation, string kind) =>
        _piApiFailures.Add(1, new TagList { { VideoVaultTelemetry.OperationTag, operation }, { "videovault.piapi.failure", kind } });

    public void EventDelivered(string channel, string result, TimeSpan duration)
    {
        var tags = new TagList { { VideoVaultTelemetry.EventChannelTag, channel }, { "videovault.event.result", result } };
        _eventDeliveries.Add(1, tags);
        _eventDeliveryDuration.Record(duration.TotalSeconds, tags);
    }

    public void WorkItemWaited(string kind, TimeSpan age) =>
        _workItemAge.Record(Math.Max(0, age.TotalSeconds), new TagList { { VideoVaultTelemetry.WorkKindTag, kind } });
}
