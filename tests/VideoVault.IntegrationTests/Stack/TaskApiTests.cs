using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

public sealed class TaskApiTests(AzuriteFixture azurite) : StackTest(azurite)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(JsonNode body)
    {
        using var response = await Stack.Api.PostAsJsonAsync("api/tasks", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Submit_answers_202_with_location_and_the_task_view()
    {
        using var response = await Stack.Api.PostAsJsonAsync("api/tasks", TestStack.SubmitBody(Prompt()));
        var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/tasks/{view.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        Assert.Equal("tests", view.GetProperty("metadata").GetProperty("caller").GetString());
        Assert.Contains(view.GetProperty("status").GetString(), new[] { "submitting", "pending", "processing" });
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"model":"sora3","task_type":"sora2-video","input":{"prompt":"x"}}""", "model" },
        { """{"model":"sora2","task_type":"sora2-movie","input":{"prompt":"x"}}""", "task_type" },
        { """{"model":"sora2","task_type":"sora2-video","input":{}}""", "input.prompt" },
        { """{"model":"sora2","task_type":"sora2-video"}""", "input" },
        { """{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x","resolution":"720p"}}""", "input.resolution" },
        { """{"model":"sora2","task_type":"sora2-pro-video","input":{"prompt":"x","resolution":"4k"}}""", "input.resolution" },
        { """{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x","aspect_ratio":"4:3"}}""", "input.aspect_ratio" },
        { """{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x","duration":5}}""", "input.duration" },
        { """{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x","image_url":"http://example.com/a.png"}}""", "input.image_url" },
        { """{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x"},"config":{"webhook_config":{"endpoint":"https://evil.example"}}}""", "config.webhook_config" },
        { """{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x"},"metadata":[1]}""", "metadata" },
        { "[1,2]", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_requests_are_400_naming_the_field_and_nothing_is_created(string body, string field)
    {
        using var response = await Stack.Api.PostAsync("api/tasks", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, Stack.Ledger.CreateAccepted);
    }

    [Fact]
    public async Task Non_json_and_oversized_submits_are_refused()
    {
        using var text = await Stack.Api.PostAsync("api/tasks", new StringContent("prompt=x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);

        var big = new StringContent("{\"pad\":\"" + new string('x', 70 * 1024) + "\"}", Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var oversized = await Stack.Api.PostAsync("api/tasks", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-an-id")]
    public async Task Unknown_tasks_are_404(string id)
    {
        using var response = await Stack.Api.GetAsync($"api/tasks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_list_pages_through_every_task_once()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Id(await Stack.SubmitAsync(Prompt("[sim:nowebhook]"))));
        }

        var seen = new List<string>();
        string? continuation = null;
        do
        {
            var page = JsonDocument.Parse(await Stack.Api.GetStringAsync($"api/tasks?limit=2{(continuation is null ? "" : "&continuation=" + continuation)}")).RootElement;
            seen.AddRange(page.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            continuation = page.TryGetProperty("continuation", out var next) ? next.GetString() : null;
            Assert.True(page.GetProperty("tasks").GetArrayLength() <= 2);
        }
        while (continuation is not null);

        Assert.Equal(ids.Order(), seen.Order());
    }

    [Fact]
    public async Task The_list_shows_what_the_index_rows_carry_and_the_full_view_is_one_get_away()
    {
        var archived = Id(await Stack.SubmitAsync(Prompt()));
        var failed = Id(await Stack.SubmitAsync(Prompt("[sim:fail]")));
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(archived)));
        Assert.Equal("failed", Status(await Stack.WaitForTerminalAsync(failed)));

        var items = JsonDocument.Parse(await Stack.Api.GetStringAsync("api/tasks?limit=100")).RootElement.GetProperty("tasks").EnumerateArray().ToList();
        var listed = items.Single(item => Id(item) == archived);
        var failure = items.Single(item => Id(item) == failed);
        var full = JsonDocument.Parse(await Stack.Api.GetStringAsync($"api/tasks/{archived}")).RootElement;

        Assert.Equal(
            ["id", "status", "model", "task_type", "catalog_entry", "prompt", "created_at", "status_changed_at", "video_size", "cost"],
            listed.EnumerateObject().Select(property => property.Name));
        Assert.Equal(full.GetProperty("input").GetProperty("prompt").GetString(), listed.GetProperty("prompt").GetString());
        Assert.Equal(full.GetProperty("video").GetProperty("size").GetInt64(), listed.GetProperty("video_size").GetInt64());
        Assert.Equal(full.GetProperty("timeline").EnumerateArray().Last().GetProperty("at").GetDateTimeOffset(), listed.GetProperty("status_changed_at").GetDateTimeOffset());
        Assert.Equal(full.GetProperty("cost").GetProperty("estimated_usd").GetDecimal(), listed.GetProperty("cost").GetProperty("estimated_usd").GetDecimal());
        Assert.Equal("failed", Status(failure));
        Assert.False(string.IsNullOrEmpty(failure.GetProperty("error").GetString()));
        Assert.Contains(archived, JsonDocument.Parse(await Stack.Api.GetStringAsync("api/tasks?status=archived")).RootElement.GetProperty("tasks").EnumerateArray().Select(Id));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=abc")]
    [InlineData("continuation=%%%")]
    public async Task Bad_list_parameters_are_400(string query)
    {
        using var response = await Stack.Api.GetAsync($"api/tasks?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
