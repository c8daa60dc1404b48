using VideoVault.PiApi;

namespace VideoVault.Tests.PiApi;

public sealed class PiApiFailureTests
{
    [Theory]
    [InlineData(PiApiFailureKind.Unauthorized, false, false)]
    [InlineData(PiApiFailureKind.RateLimited, true, false)]
    [InlineData(PiApiFailureKind.ServerError, true, false)]
    [InlineData(PiApiFailureKind.BadRequest, false, false)]
    [InlineData(PiApiFailureKind.NotFound, false, false)]
    [InlineData(PiApiFailureKind.EnvelopeError, false, false)]
    [InlineData(PiApiFailureKind.Timeout, true, true)]
    [InlineData(PiApiFailureKind.ConnectionFailed, true, false)]
    [InlineData(PiApiFailureKind.InvalidResponse, false, true)]
    internal void KindDecidesRetryAndAmbiguity(PiApiFailureKind kind, bool transient, bool ambiguousForCreate)
    {
        var failure = new PiApiFailure(kind);

        Assert.Equal(transient, failure.IsTransient);
        Assert.Equal(ambiguousForCreate, failure.IsAmbiguousForCreate);
    }
}
