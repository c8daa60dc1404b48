using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

public sealed class TableFilterTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("o'neil", "'o''neil'")]
    [InlineData("'", "''''")]
    [InlineData("", "''")]
    public void Quote_doubles_single_quotes(string value, string expected) => Assert.Equal(expected, TableFilter.Quote(value));

    [Fact]
    public void Equal_compares_a_property_with_a_quoted_literal() =>
        Assert.Equal("Status eq 'it''s'", TableFilter.Equal("Status", "it's"));

    [Fact]
    public void DateTime_is_a_utc_literal_with_100_ns_precision() =>
        Assert.Equal(
            "datetime'2025-03-04T03:06:07.1234567Z'",
            TableFilter.DateTime(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567)));
}
