namespace VideoVault.Tests.Http;

public sealed class RoutesTests
{
    [Theory]
    [InlineData("https://videovault.example", "https://videovault.example/api/webhooks/piapi")]
    [InlineData("https://videovault.example/", "https://videovault.example/api/webhooks/piapi")]
    [InlineData("https://gw.example/videovault", "https://gw.example/videovault/api/webhooks/piapi")]
    [InlineData("https://gw.example/videovault/", "https://gw.example/videovault/api/webhooks/piapi")]
    [InlineData("http://127.0.0.1:7071/a/b/?x=1#f", "http://127.0.0.1:7071/a/b/api/webhooks/piapi")]
    public void A_route_keeps_the_path_of_the_public_base_url(string baseUrl, string expected) =>
        Assert.Equal(expected, Routes.Absolute(new Uri(baseUrl), Routes.PiApiWebhook).AbsoluteUri);
}
