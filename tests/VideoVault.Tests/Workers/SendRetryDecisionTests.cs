using Microsoft.Extensions.Options;
using VideoVault.PiApi;
using VideoVault.Work;
using VideoVault.Workers;

namespace VideoVault.Tests.Workers;

public sealed class SendRetryDecisionTests
{
    private static readonly RetryBackoff Backoff = new(Options.Create(new VideoVaultOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(30) }));

    private static PiApiFailure Failure(PiApiFailureKind kind, TimeSpan? retryAfter = null) => new(kind, null, null, retryAfter);

    [Fact]
    public void A_transient_failure_below_the_cap_is_retried_after_the_backoff()
    {
        var decision = SendRetryDecision.For(Failure(PiApiFailureKind.ServerError), attempts: 3, maxAttempts: 5, Backoff);

        Assert.False(decision.GiveUp);
        Assert.InRange(decision.Delay, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void PiAPIs_retry_after_hint_lengthens_the_wait()
    {
        var decision = SendRetryDecision.For(Failure(PiApiFailureKind.RateLimited, TimeSpan.FromSeconds(20)), attempts: 1, maxAttempts: 5, Backoff);

        Assert.Equal((false, TimeSpan.FromSeconds(20)), (decision.GiveUp, decision.Delay));
    }

    [Theory]
    [InlineData(PiApiFailureKind.ServerError, 5)]
    [InlineData(PiApiFailureKind.BadRequest, 1)]
    [InlineData(PiApiFailureKind.Unauthorized, 1)]
    internal void The_last_attempt_or_a_permanent_refusal_gives_up(PiApiFailureKind kind, int attempts) =>
        Assert.True(SendRetryDecision.For(Failure(kind), attempts, maxAttempts: 5, Backoff).GiveUp);

    [Fact]
    public void An_answer_that_leaves_open_whether_a_task_was_created_is_retried_for_a_create_only()
    {
        var unreadable = Failure(PiApiFailureKind.InvalidResponse);

        Assert.False(SendRetryDecision.For(unreadable, attempts: 1, maxAttempts: 5, Backoff, ambiguousIsRetryable: true).GiveUp);
        Assert.True(SendRetryDecision.For(unreadable, attempts: 1, maxAttempts: 5, Backoff).GiveUp);
    }
}
