using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using VideoVault.Http;

namespace VideoVault.Benchmarks.Webhooks;

/// <summary>PiAPI's task webhook as PiAPI sends it: the body for a status, posted with the task's secret.</summary>
internal static class PiApiWebhooks
{
    public static byte[] Body(string piApiTaskId, string status, Uri? video)
    {
        var data = new JsonObject { ["task_id"] = piApiTaskId, ["model"] = "sora2", ["task_type"] = "sora2-pro-video", ["status"] = status };
        if (video is not null)
        {
            data["output"] = new JsonObject { ["video"] = video.AbsoluteUri };
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["timestamp"] = 1_760_000_000, ["data"] = data }.ToJsonString());
    }

    public static async Task PostAsync(HttpClient http, string taskId, string secret, byte[] body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/piapi?{PiApiWebhookEndpoint.TaskQueryParameter}={taskId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(PiApiWebhookEndpoint.SecretHeader, secret);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"Webhook answered {(int)response.StatusCode}, expected {(int)expected}.");
        }
    }
}
