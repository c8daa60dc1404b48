using Azure;
using VideoVault.Tasks;

namespace VideoVault.Tests.Storage;

public sealed class StorageOutageTests
{
    [Theory]
    [InlineData(0)]      // no answer at all: refused, reset, timed out
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public void Unreachable_throttled_and_failing_storage_is_an_outage(int status)
    {
        Assert.True(StorageOutage.IsOutage(new RequestFailedException(status, "storage")));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    public void What_a_request_caused_is_not_an_outage(int status)
    {
        Assert.False(StorageOutage.IsOutage(new RequestFailedException(status, "storage")));
    }

    [Fact]
    public void Retries_used_up_on_outages_are_an_outage()
    {
        var exhausted = new AggregateException("Retry failed after 5 tries.", Enumerable.Range(0, 5).Select(_ => new RequestFailedException("Connection refused")));

        Assert.True(StorageOutage.IsOutage(exhausted));
    }

    [Fact]
    public void Retries_that_end_on_a_refusal_or_an_empty_aggregate_are_not()
    {
        Assert.False(StorageOutage.IsOutage(new AggregateException(new RequestFailedException("Connection refused"), new RequestFailedException(403, "forbidden"))));
        Assert.False(StorageOutage.IsOutage(new AggregateException()));
    }

    [Fact]
    public void Other_exceptions_are_not_storage_outages()
    {
        Assert.False(StorageOutage.IsOutage(new InvalidOperationException("bug")));
        Assert.False(StorageOutage.IsOutage(new OperationCanceledException()));
    }
}
