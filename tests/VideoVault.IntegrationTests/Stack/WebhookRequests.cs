using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>Hand-made webhook requests, for what PiAPI would never send.</summary>
internal static class WebhookRequests
{
    public static JsonObject Body(string piApiTaskId, string status, string? video = null) => new()
    {
        ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["data"] = new JsonObject
        {
            ["task_id"] = piApiTaskId,
            ["model"] = "sora2",
            ["task_type"] = "sora2-pro-video",
            ["status"] = status,
            ["output"] = video is null ? null : new JsonObject { ["video"] = video },
        },
    };

    public static HttpRequestMessage Create(string taskId, string? secret, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/piapi?task={Uri.EscapeDataString(taskId)}") { Content = content };
        if (secret is not null)
        {
            request.Headers.Add("x-webhook-secret", secret);
        }

        return request;
    }

    public static HttpContent Json(JsonNode body) =>
        new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static HttpContent Json(string raw) =>
        new StringContent(raw, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
