using Microsoft.Extensions.Options;
using VideoVault.PiApi;
using VideoVault.Tasks;

namespace VideoVault.Operations;

/// <summary>
/// How long a send whose answer was lost keeps its task from being sent again, cancelled or retried: PiAPI may
/// have accepted it, so nobody acts until its answer could no longer arrive (PiApi:Timeout) plus a grace.
/// </summary>
internal sealed class SubmitUncertainty(IOptions<VideoVaultOptions> options, IOptions<PiApiOptions> piApiOptions)
{
    public TimeSpan Hold => piApiOptions.Value.Timeout + options.Value.UncertainSubmitGrace;

    /// <summary>Whether <paramref name="task"/>'s last send is still unanswered and might yet have been accepted.</summary>
    public bool Holds(VideoTask task, DateTimeOffset now) => task.SubmitUncertainSince is { } since && now < since + Hold;

    /// <summary>What is left of <paramref name="task"/>'s hold at <paramref name="now"/>; a whole hold for a send not yet marked.</summary>
    public TimeSpan Remaining(VideoTask task, DateTimeOffset now) => (task.SubmitUncertainSince ?? now) + Hold - now;
}
