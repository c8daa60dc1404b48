using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoVault.IntegrationTests.Spend;

/// <summary>Submit bodies and raw calls the spend tests share: they look at 429s and 409s, which the stacks' helpers treat as failures.</summary>
internal static class SpendRequests
{
    /// <summary>Kling 3.0 std, 5 s: $0.50 by the catalog, and cancellable at PiAPI while pending.</summary>
    public static JsonObject Kling(string prompt) => new()
    {
        ["model"] = "kling",
        ["task_type"] = "video_generation",
        ["input"] = new JsonObject { ["prompt"] = prompt, ["version"] = "3.0", ["duration"] = 5, ["mode"] = "std" },
    };

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SubmitAsync(HttpClient api, JsonObject body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/tasks") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await api.SendAsync(request);
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> CancelAsync(HttpClient api, string id)
    {
        var response = await api.PostAsync($"api/tasks/{id}/cancel", null);
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
