using VideoVault.Http;

namespace VideoVault.Tests.Http;

public sealed class ContinuationTokensTests
{
    private readonly ContinuationTokens _tokens = new();

    [Theory]
    [InlineData("01a2b3 task")]
    [InlineData("pk with 'quotes' and ünïcode rk")]
    public void A_written_token_reads_back_as_the_same_continuation(string continuation)
    {
        var token = _tokens.Write(continuation);

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.Equal(continuation, _tokens.Read(token, out var valid));
        Assert.True(valid);
    }

    [Fact]
    public void No_token_is_the_first_page()
    {
        Assert.Null(_tokens.Write(null));
        Assert.Null(_tokens.Read(null, out var valid));
        Assert.True(valid);
    }

    [Theory]
    [InlineData("not base64url!")]
    [InlineData("_w")]
    public void A_token_this_api_did_not_write_is_refused(string token)
    {
        Assert.Null(_tokens.Read(token, out var valid));
        Assert.False(valid);
    }

    [Fact]
    public void An_oversized_token_is_refused()
    {
        Assert.Null(_tokens.Read(new string('A', 2000), out var valid));
        Assert.False(valid);
    }
}
