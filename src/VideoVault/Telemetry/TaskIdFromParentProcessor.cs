using System.Diagnostics;
using OpenTelemetry;

namespace VideoVault.Telemetry;

/// <summary>
/// Copies the task id onto the spans other libraries start inside a task's span (HttpClient's, the Azure
/// SDK's), so every span of a task's trace can be found by its id, not only the app's own.
/// </summary>
internal sealed class TaskIdFromParentProcessor : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        if (data.GetTagItem(VideoVaultTelemetry.TaskIdTag) is null && data.Parent?.GetTagItem(VideoVaultTelemetry.TaskIdTag) is string taskId)
        {
            data.SetTag(VideoVaultTelemetry.TaskIdTag, taskId);
        }
    }
}
