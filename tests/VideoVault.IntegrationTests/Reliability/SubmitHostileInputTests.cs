using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// Hostile submits: each is refused before anything is stored, queued or sent to PiAPI. (Field
/// validation: TaskApiTests; the webhook's checks: WebhookSecurityTests.)
/// </summary>
public sealed class SubmitHostileInputTests(AzuriteFixture azurite) : StackTest(azurite)
{
    private const int OverLimit = 70 * 1024;

    /// <summary>A reconcile chain scheduled by mistake would be due at once and show in the logs.</summary>
    protected override void Configure(StackSettings settings) => settings.Configuration["VideoVault:ReconcileDelay"] = "00:00:00";

    [Theory]
    [InlineData("over the limit, declared", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("over the limit, chunked", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("malformed json", HttpStatusCode.BadRequest)]
    [InlineData("deeply nested json", HttpStatusCode.BadRequest)]
    [InlineData("text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("form", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("no content type", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("idempotency key with control characters", HttpStatusCode.BadRequest)]
    [InlineData("idempotency key too long", HttpStatusCode.BadRequest)]
    public async Task A_hostile_submit_is_refused_and_nothing_is_written(string attack, HttpStatusCode expected)
    {
        using var request = Attack(attack, Prompt());

        using var response = await Stack.Api.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (response.Content.Headers.ContentLength > 0)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await Task.Delay(500);
        Assert.Empty(await EntitiesOrNoneAsync());
        Assert.Equal(0, Stack.Ledger.CreateAccepted);
        Assert.DoesNotContain(Stack.Logs.Lines, line => line.Contains("Processing Reconcile", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Attack(string attack, string prompt)
    {
        var valid = TestStack.SubmitBody(prompt).ToJsonString();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/tasks");
        switch (attack)
        {
            case "over the limit, declared":
                request.Content = Json(new ByteArrayContent(Padded(valid)));
                break;
            case "over the limit, chunked":
                request.Content = Json(new StreamContent(new NonSeekableStream(new MemoryStream(Padded(valid)))));
                request.Headers.TransferEncodingChunked = true;
                break;
            case "malformed json":
                request.Content = Json(new StringContent(valid[..^3]));
                break;
            case "deeply nested json":
                request.Content = Json(new StringContent(valid.Replace("\"caller\":\"tests\"", "\"caller\":" + new string('[', 5000) + new string(']', 5000), StringComparison.Ordinal)));
                break;
            case "text/plain":
                request.Content = new StringContent(valid, Encoding.UTF8, "text/plain");
                break;
            case "form":
                request.Content = new FormUrlEncodedContent([new("prompt", prompt)]);
                break;
            case "no content type":
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(valid));
                break;
            case "idempotency key with control characters":
                request.Content = Json(new StringContent(valid));
                request.Headers.TryAddWithoutValidation("Idempotency-Key", "key\u0001\u007f");
                break;
            case "idempotency key too long":
                request.Content = Json(new StringContent(valid));
                request.Headers.Add("Idempotency-Key", new string('k', 256));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, null);
        }

        return request;
    }

    /// <summary>A valid submit padded with whitespace past the 64 KiB limit: only its size is wrong.</summary>
    private static byte[] Padded(string valid) => Encoding.UTF8.GetBytes(valid + new string(' ', OverLimit));

    private static HttpContent Json(HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>The table's entities; none when the table was never even created.</summary>
    private async Task<List<TableEntity>> EntitiesOrNoneAsync()
    {
        try
        {
            return await Stack.EntitiesAsync();
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            return [];
        }
    }
}
