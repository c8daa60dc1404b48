using VideoVault.PiApi;
using VideoVault.Work;

namespace VideoVault.Workers;

/// <summary>
/// After a failed send to PiAPI (a task create or a stream open): give up, or try again after a delay.
/// One rule for both, so a submit and a stream count attempts and read PiAPI's hints alike.
/// </summary>
internal sealed record SendRetryDecision(bool GiveUp, TimeSpan Delay)
{
    /// <param name="attempts">Attempts made so far, the failed one included.</param>
    /// <param name="ambiguousIsRetryable">
    /// True for a task create: after an answer that leaves open whether PiAPI created the task, giving up would
    /// drop a task PiAPI may be making (and charging for); a retry waits out the hold, and the webhook or the
    /// reconcile binds it first if it exists. A stream cannot be looked up, so there it is false.
    /// </param>
    public static SendRetryDecision For(PiApiFailure failure, int attempts, int maxAttempts, RetryBackoff backoff, bool ambiguousIsRetryable = false) =>
        !(failure.IsTransient || (ambiguousIsRetryable && failure.IsAmbiguousForCreate)) || attempts >= maxAttempts
            ? new SendRetryDecision(true, TimeSpan.Zero)
            : new SendRetryDecision(false, backoff.DelayFor(attempts, failure.RetryAfter));
}
