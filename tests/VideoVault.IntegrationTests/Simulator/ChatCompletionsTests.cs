using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.IntegrationTests.Simulator;

public sealed partial class ChatCompletionsTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic Zml4dHVyZS1rZXk6")]
    public async Task A_missing_or_wrong_bearer_is_401(string? authorization)
    {
        using var request = ChatRequest("a dog on the beach");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await simulator.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task The_stream_has_the_vendor_chunk_shape_and_ends_with_done()
    {
        using var request = ChatRequest("generate a video without watermark, a dog is running on the sea beach");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorFixture.ApiKey);
        using var response = await simulator.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await ReadEventsAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(data => JsonDocument.Parse(data).RootElement).ToList();
        var id = chunks[0].GetProperty("id").GetString()!;
        Assert.Matches("^chatcmpl-[A-Za-z0-9]{29}$", id);
        foreach (var chunk in chunks[..^1])
        {
            Assert.Equal(["id", "object", "model", "created", "choices"], Names(chunk));
            Assert.Equal(id, chunk.GetProperty("id").GetString());
            Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
            Assert.Equal("sora-2", chunk.GetProperty("model").GetString());
            Assert.True(chunk.GetProperty("created").GetInt64() > 1_700_000_000);
            var choice = chunk.GetProperty("choices").EnumerateArray().Single();
            Assert.Equal(["index", "delta", "finish_reason"], Names(choice));
            Assert.Equal(0, choice.GetProperty("index").GetInt32());
        }

        Assert.Equal("assistant", Delta(chunks[0]).GetProperty("role").GetString());
        Assert.Equal("", Delta(chunks[0]).GetProperty("content").GetString());
        Assert.Contains(chunks, chunk => !Delta(chunk).EnumerateObject().Any() && FinishReason(chunk) is null);
        Assert.All(chunks[..^2], chunk => Assert.Null(FinishReason(chunk)));
        Assert.Equal("stop", FinishReason(chunks[^2]));
        Assert.Empty(Delta(chunks[^2]).EnumerateObject());

        var usageChunk = chunks[^1];
        Assert.Equal(["id", "object", "created", "model", "choices", "usage"], Names(usageChunk));
        var usage = usageChunk.GetProperty("usage");
        Assert.Equal(
            usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32());

        var text = string.Concat(chunks.Select(chunk => Delta(chunk).TryGetProperty("content", out var content) ? content.GetString() : ""));
        Assert.StartsWith("```json\n{\n  \"prompt\": \"generate a video without watermark, a dog is running on the sea beach\",\n  \"orientation\": \"portrait\"\n}\n```", text, StringComparison.Ordinal);
        Assert.Matches(@"> ID: `task_[0-9a-z]{26}`", text);
        Assert.Contains("> Queuing...\n> Generating.", text, StringComparison.Ordinal);
        var progress = ProgressPattern().Match(text);
        Assert.True(progress.Success, text);
        var percents = progress.Groups[1].Captures.Select(capture => int.Parse(capture.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, percents.Count);
        Assert.Equal(percents.Order(), percents);
        Assert.Contains("> Generation complete ✅", text, StringComparison.Ordinal);
        Assert.Matches(@"!\[[^\]]+\.webp\]\([^)]+\.webp\)", text);

        var video = VideoLinkPattern().Match(text);
        Assert.True(video.Success, text);
        var taskId = TaskIdPattern().Match(text).Groups[1].Value;
        Assert.Equal(new Uri(simulator.BaseUri, $"files/{taskId}.mp4").AbsoluteUri, video.Groups[1].Value);
        var entry = simulator.Ledger.Find(taskId);
        Assert.NotNull(entry);
        Assert.Equal(TaskSource.ChatCompletions, entry.Source);

        var bytes = await simulator.Anonymous.GetByteArrayAsync(video.Groups[1].Value);
        Assert.Equal(simulator.Ledger.ExpectedVideo(taskId).Sha256, SHA256.HashData(bytes));

        var preview = Regex.Match(text, @"\]\(([^)]+\.webp)\)").Groups[1].Value;
        using var image = await simulator.Anonymous.GetAsync(preview);
        Assert.Equal("image/webp", image.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_hd_model_and_the_x_api_key_header_are_accepted()
    {
        using var request = ChatRequest("a landscape of hills", model: "sora-2-hd-preview");
        request.Headers.Add("X-API-Key", SimulatorFixture.ApiKey);
        using var response = await simulator.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        var events = await ReadEventsAsync(response);

        var first = JsonDocument.Parse(events[0]).RootElement;
        Assert.Equal("sora-2-hd", first.GetProperty("model").GetString());
        Assert.Contains("\"landscape\"", string.Concat(events), StringComparison.Ordinal);
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task Nolink_finishes_normally_without_a_video_link()
    {
        var events = await StreamAsync("a shy dog [sim:nolink]");

        Assert.Equal("[DONE]", events[^1]);
        var text = ContentOf(events);
        Assert.Contains("Generation complete", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".mp4", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_reports_a_failure_without_a_link()
    {
        var events = await StreamAsync("a doomed dog [sim:fail]");

        var text = ContentOf(events);
        Assert.Contains("Generation failed", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".mp4", text, StringComparison.Ordinal);
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task Finish_sets_another_finish_reason()
    {
        var events = await StreamAsync("a long dog [sim:finish=length]");

        var finish = JsonDocument.Parse(events[^3]).RootElement;
        Assert.Equal("length", FinishReason(finish));
    }

    [Fact]
    public async Task Cut_closes_the_stream_without_done()
    {
        using var request = AuthorizedChatRequest("a cut dog [sim:cut]");
        using var response = await simulator.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var received = new List<string>();

        var failure = await Record.ExceptionAsync(() => ReadEventsAsync(response, received));

        Assert.IsAssignableFrom<IOException>(failure);
        Assert.Contains("Progress", ContentOf(received), StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", received);
        Assert.DoesNotContain(".mp4", ContentOf(received), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stall_stops_sending_but_keeps_the_connection_open()
    {
        using var request = AuthorizedChatRequest("a frozen dog [sim:stall]");
        using var response = await simulator.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var received = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadEventsAsync(response, received, timeout.Token));

        Assert.Contains("Progress", ContentOf(received), StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", received);
    }

    [Fact]
    public async Task Submit429_refuses_with_retry_after_then_streams()
    {
        var prompt = $"a popular dog {Guid.NewGuid()} [sim:submit429=1]";

        using var first = await simulator.Anonymous.SendAsync(AuthorizedChatRequest(prompt));
        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), first.Headers.RetryAfter?.Delta);

        var events = await StreamAsync(prompt);
        Assert.Equal("[DONE]", events[^1]);
    }

    [Theory]
    [InlineData("""{"model":"sora-2-preview","messages":[{"role":"user","content":"x"}],"stream":false}""", "stream")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stream":true}""", "model")]
    [InlineData("""{"model":"sora-2-preview","messages":[],"stream":true}""", "user message")]
    [InlineData("""{"model":"sora-2-preview","messages":[{"role":"user","content":"x [sim:nope]"}],"stream":true}""", "Unknown simulator tag")]
    [InlineData("{", "Invalid request body")]
    public async Task Bad_requests_are_400(string body, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorFixture.ApiKey);
        using var response = await simulator.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(reason, document.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_given_as_parts_is_read()
    {
        var body = new JsonObject
        {
            ["model"] = "sora-2-preview",
            ["stream"] = true,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "parts of a dog" }),
            }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorFixture.ApiKey);
        using var response = await simulator.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Contains("\"prompt\": \"parts of a dog\"", ContentOf(await ReadEventsAsync(response)), StringComparison.Ordinal);
    }

    private async Task<List<string>> StreamAsync(string prompt)
    {
        using var request = AuthorizedChatRequest(prompt);
        using var response = await simulator.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadEventsAsync(response);
    }

    private static HttpRequestMessage ChatRequest(string prompt, string model = "sora-2-preview") =>
        new(HttpMethod.Post, "v1/chat/completions")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["model"] = model,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
                ["stream"] = true,
            }),
        };

    private static HttpRequestMessage AuthorizedChatRequest(string prompt)
    {
        var request = ChatRequest(prompt);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorFixture.ApiKey);
        return request;
    }

    /// <summary>Collects the <c>data:</c> payloads of an SSE response into <paramref name="received"/> as they arrive.</summary>
    private static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response, List<string>? received = null, CancellationToken cancellationToken = default)
    {
        received ??= [];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                received.Add(line["data: ".Length..]);
            }
            else
            {
                Assert.Equal("", line);
            }
        }

        return received;
    }

    private static string ContentOf(IEnumerable<string> events) => string.Concat(events
        .Where(data => data != "[DONE]")
        .Select(data => JsonDocument.Parse(data).RootElement)
        .Select(chunk => Delta(chunk).TryGetProperty("content", out var content) ? content.GetString() : ""));

    private static JsonElement Delta(JsonElement chunk) => chunk.GetProperty("choices")[0].GetProperty("delta");

    private static string? FinishReason(JsonElement chunk) => chunk.GetProperty("choices")[0].GetProperty("finish_reason").GetString();

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(property => property.Name)];

    [GeneratedRegex(@">🏃 Progress (?:(\d+)\.\.)+")]
    private static partial Regex ProgressPattern();

    [GeneratedRegex(@"\[Play online▶️\]\((http[^)]+\.mp4)\)")]
    private static partial Regex VideoLinkPattern();

    [GeneratedRegex("> ID: `(task_[0-9a-z]{26})`")]
    private static partial Regex TaskIdPattern();
}
