using System.Diagnostics;
using VideoVault.Tasks;
using VideoVault.Telemetry;

namespace VideoVault.Events.Delivery;

/// <summary>
/// One webhook attempt, scheduled or an operator's redelivery, on its span (the target as its host only,
/// never the URL's query or the body) and in the metrics.
/// </summary>
internal static class WebhookAttemptTelemetry
{
    public static void Describe(Activity? activity, TaskEventRecord record, Uri url)
    {
        activity?.SetTag(VideoVaultTelemetry.TaskIdTag, record.TaskId);
        activity?.SetTag(VideoVaultTelemetry.EventTypeTag, record.Type);
        activity?.SetTag(VideoVaultTelemetry.EventChannelTag, "webhook");
        activity?.SetTag("server.address", url.Host);
    }

    public static void Record(Activity? activity, WebhookAttemptResult result, VideoVaultMetrics metrics)
    {
        var outcome = result.Delivered ? "delivered" : result.Gone ? "gone" : result.Permanent ? "refused" : "failed";
        activity?.SetTag(VideoVaultTelemetry.OutcomeTag, outcome);
        activity?.SetTag("http.response.status_code", result.Status);
        if (!result.Delivered)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }

        metrics.EventDelivered("webhook", outcome, result.Duration);
    }
}
