using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Http;

namespace VideoVault.Tests.Http;

/// <summary>The console's files: served from the assembly with a policy that lets only them run, and nothing else by name.</summary>
public sealed class ConsoleEndpointTests
{
    private static async Task<HttpResponse> RunAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return context.Response;
    }

    private static string Body(HttpResponse response) => new StreamReader(response.Body, Encoding.UTF8).ReadToEnd();

    [Fact]
    public async Task The_page_loads_its_script_and_styles_from_beside_it_under_a_policy_that_allows_only_them()
    {
        var response = await RunAsync(new ConsoleEndpoint().GetPage());

        Assert.Equal((200, "text/html; charset=utf-8"), (response.StatusCode, response.ContentType));
        Assert.Equal(ConsoleEndpoint.ContentSecurityPolicy, response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        var page = Body(response);
        foreach (var asset in ConsoleEndpoint.Assets)
        {
            Assert.Contains($"\"console/{asset}\"", page, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("console.js", "text/javascript; charset=utf-8")]
    [InlineData("console.css", "text/css; charset=utf-8")]
    public async Task Each_asset_is_served_with_its_type(string asset, string contentType)
    {
        var response = await RunAsync(new ConsoleEndpoint().GetAsset(asset));

        Assert.Equal((200, contentType), (response.StatusCode, response.ContentType));
        Assert.Equal(response.ContentLength, response.Body.Length);
        Assert.True(response.Body.Length > 100);
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("openapi.json")]
    [InlineData("..%2Fopenapi.json")]
    [InlineData("CONSOLE.JS")]
    public async Task Any_other_name_is_not_found(string asset)
    {
        var response = await RunAsync(new ConsoleEndpoint().GetAsset(asset));

        Assert.Equal(404, response.StatusCode);
    }
}
