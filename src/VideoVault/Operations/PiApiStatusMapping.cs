using VideoVault.PiApi;
using VideoVault.Tasks;

namespace VideoVault.Operations;

internal static class PiApiStatusMapping
{
    /// <returns>Our status for PiAPI's, or null when PiAPI's says nothing we can act on.</returns>
    public static VideoTaskStatus? ToTaskStatus(PiApiTaskStatus status) => status switch
    {
        PiApiTaskStatus.Pending or PiApiTaskStatus.Staged => VideoTaskStatus.Pending,
        PiApiTaskStatus.Processing or PiApiTaskStatus.Running => VideoTaskStatus.Processing,
        PiApiTaskStatus.Completed => VideoTaskStatus.Completed,
        PiApiTaskStatus.Failed => VideoTaskStatus.Failed,
        PiApiTaskStatus.Cancelled => VideoTaskStatus.Cancelled,
        _ => null,
    };
}
