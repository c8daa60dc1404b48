using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.PiApiSimulator;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.IntegrationTests.Simulator;

public sealed partial class TaskApiTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Create_without_or_with_a_wrong_key_is_401_in_the_envelope()
    {
        using var missing = await simulator.Anonymous.PostAsJsonAsync("api/v1/task", SimulatorFixture.CreateBody("a cat"));
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "api/v1/task") { Content = JsonContent.Create(SimulatorFixture.CreateBody("a cat")) };
        wrong.Headers.Add("X-API-Key", "not-the-key");
        using var wrongResponse = await simulator.Anonymous.SendAsync(wrong);

        foreach (var response in new[] { missing, wrongResponse })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(401, body.RootElement.GetProperty("code").GetInt32());
            Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("data").ValueKind);
            Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("message").GetString()));
        }
    }

    [Fact]
    public async Task Get_without_a_key_is_401()
    {
        var created = await simulator.CreateTaskAsync("a cat");
        using var response = await simulator.Anonymous.GetAsync($"api/v1/task/{created.GetProperty("task_id").GetString()}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Create_answers_the_vendor_task_object()
    {
        using var response = await simulator.Client.PostAsJsonAsync(
            "api/v1/task",
            SimulatorFixture.CreateBody("Scottish Highland coo", new Uri("http://127.0.0.1:9/hook"), "the-secret"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal(["code", "data", "message"], Names(root));
        Assert.Equal(200, root.GetProperty("code").GetInt32());
        Assert.Equal("success", root.GetProperty("message").GetString());

        var data = root.GetProperty("data");
        Assert.Equal(["task_id", "model", "task_type", "status", "config", "input", "output", "meta", "detail", "logs", "error"], Names(data));
        Assert.True(Guid.TryParse(data.GetProperty("task_id").GetString(), out _));
        Assert.Equal("sora2", data.GetProperty("model").GetString());
        Assert.Equal("sora2-pro-video", data.GetProperty("task_type").GetString());
        Assert.Equal("pending", data.GetProperty("status").GetString());

        var config = data.GetProperty("config");
        Assert.Equal("", config.GetProperty("service_mode").GetString());
        Assert.Equal("http://127.0.0.1:9/hook", config.GetProperty("webhook_config").GetProperty("endpoint").GetString());
        Assert.Equal("the-secret", config.GetProperty("webhook_config").GetProperty("secret").GetString());

        var input = data.GetProperty("input");
        Assert.Equal(["prompt", "aspect_ratio", "duration", "resolution"], Names(input));
        Assert.Equal("Scottish Highland coo", input.GetProperty("prompt").GetString());
        Assert.Equal(4, input.GetProperty("duration").GetInt32());

        Assert.Equal(JsonValueKind.Null, data.GetProperty("output").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("detail").ValueKind);
        Assert.Equal(0, data.GetProperty("logs").GetArrayLength());

        var meta = data.GetProperty("meta");
        Assert.Matches(GoTimestamp(), meta.GetProperty("created_at").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", meta.GetProperty("started_at").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", meta.GetProperty("ended_at").GetString());
        Assert.Equal("llm", meta.GetProperty("usage").GetProperty("type").GetString());
        Assert.Equal(9_600_000, meta.GetProperty("usage").GetProperty("consume").GetInt64());
        Assert.False(meta.GetProperty("is_using_private_pool").GetBoolean());

        var error = data.GetProperty("error");
        Assert.Equal(["code", "raw_message", "message", "detail"], Names(error));
        Assert.Equal(0, error.GetProperty("code").GetInt32());
        Assert.Equal("", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Input_echo_leaves_out_fields_that_were_not_sent()
    {
        var body = SimulatorFixture.CreateBody("a fox", taskType: "sora2-video");
        body["input"]!.AsObject().Remove("resolution");
        using var response = await simulator.Client.PostAsJsonAsync("api/v1/task", body);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var data = document.RootElement.GetProperty("data");
        Assert.Equal(["prompt", "aspect_ratio", "duration"], Names(data.GetProperty("input")));
        Assert.Equal(3_200_000, data.GetProperty("meta").GetProperty("usage").GetProperty("consume").GetInt64());
    }

    [Fact]
    public async Task Get_follows_the_task_to_completed_with_a_video_url_on_this_server()
    {
        var created = await simulator.CreateTaskAsync("a lighthouse at dawn");
        var taskId = created.GetProperty("task_id").GetString()!;

        var completed = await simulator.WaitForStatusAsync(taskId, "completed");

        Assert.Equal(taskId, completed.GetProperty("task_id").GetString());
        Assert.Equal(new Uri(simulator.BaseUri, $"files/{taskId}.mp4").AbsoluteUri, completed.GetProperty("output").GetProperty("video").GetString());
        var meta = completed.GetProperty("meta");
        Assert.Equal(created.GetProperty("meta").GetProperty("created_at").GetString(), meta.GetProperty("created_at").GetString());
        Assert.Matches(GoTimestamp(), meta.GetProperty("started_at").GetString());
        Assert.Matches(GoTimestamp(), meta.GetProperty("ended_at").GetString());
        Assert.True(
            DateTimeOffset.Parse(meta.GetProperty("ended_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            >= DateTimeOffset.Parse(meta.GetProperty("started_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_fail_tag_ends_the_task_failed_with_an_error()
    {
        var created = await simulator.CreateTaskAsync("a storm [sim:fail]");

        var failed = await simulator.WaitForStatusAsync(created.GetProperty("task_id").GetString()!, "failed");

        Assert.Equal(JsonValueKind.Null, failed.GetProperty("output").ValueKind);
        var error = failed.GetProperty("error");
        Assert.NotEqual(0, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("raw_message").GetString()));
        Assert.NotEqual("0001-01-01T00:00:00Z", failed.GetProperty("meta").GetProperty("ended_at").GetString());
    }

    [Fact]
    public async Task Get_of_an_unknown_task_is_a_404_envelope()
    {
        using var response = await simulator.Client.GetAsync($"api/v1/task/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("data").ValueKind);
    }

    [Theory]
    [InlineData("not json", "invalid request body")]
    [InlineData("""{"model":"sora3","task_type":"sora2-video","input":{"prompt":"x"}}""", "model")]
    [InlineData("""{"model":"sora2","task_type":"sora2-image","input":{"prompt":"x"}}""", "task_type")]
    [InlineData("""{"model":"sora2","task_type":"sora2-video","input":{"prompt":" "}}""", "input.prompt")]
    [InlineData("""{"model":"sora2","task_type":"sora2-video"}""", "input.prompt")]
    [InlineData("""{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x","duration":"4"}}""", "invalid request body")]
    [InlineData("""{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x [sim:boom]"}}""", "Unknown simulator tag")]
    [InlineData("""{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x"},"config":{"webhook_config":{"endpoint":"/relative"}}}""", "endpoint")]
    public async Task Bad_bodies_are_400_with_a_reason(string body, string reason)
    {
        var acceptedBefore = simulator.Ledger.CreateAccepted;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await simulator.Client.PostAsync("api/v1/task", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, document.RootElement.GetProperty("code").GetInt32());
        Assert.Contains(reason, document.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(acceptedBefore, simulator.Ledger.CreateAccepted);
    }

    [Fact]
    public async Task Submit429_refuses_the_first_calls_with_retry_after_then_accepts()
    {
        var prompt = $"a busy queue {Guid.NewGuid()} [sim:submit429=2]";
        var refusedBefore = simulator.Ledger.CreateRefused;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await simulator.Client.PostAsJsonAsync("api/v1/task", SimulatorFixture.CreateBody(prompt));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal(429, body.RootElement.GetProperty("code").GetInt32());
            }
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
        Assert.Equal(refusedBefore + 2, simulator.Ledger.CreateRefused);
        Assert.Single(simulator.Ledger.Tasks, entry => entry.Prompt == prompt);
    }

    [Fact]
    public async Task Submit500_counts_per_prompt_text()
    {
        var prompt = $"a flaky upstream {Guid.NewGuid()} [sim:submit500=1]";

        using var first = await simulator.Client.PostAsJsonAsync("api/v1/task", SimulatorFixture.CreateBody(prompt));
        using var other = await simulator.Client.PostAsJsonAsync("api/v1/task", SimulatorFixture.CreateBody(prompt + " "));
        using var second = await simulator.Client.PostAsJsonAsync("api/v1/task", SimulatorFixture.CreateBody(prompt));

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Submitdelay_creates_the_task_at_once_and_answers_late_even_to_a_caller_that_gave_up()
    {
        var prompt = $"a slow upstream {Guid.NewGuid()} [sim:submitdelay=5000]";
        var acceptedBefore = simulator.Ledger.CreateAccepted;
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => simulator.Client.PostAsJsonAsync("api/v1/task", SimulatorFixture.CreateBody(prompt), impatient.Token));

        var entry = Assert.Single(simulator.Ledger.Tasks, e => e.Prompt == prompt);
        Assert.Equal(acceptedBefore + 1, simulator.Ledger.CreateAccepted);
        await simulator.WaitForStatusAsync(entry.TaskId, "completed");
    }

    [Fact]
    public async Task The_unauthorized_tag_refuses_even_the_right_key()
    {
        using var response = await simulator.Client.PostAsJsonAsync("api/v1/task", SimulatorFixture.CreateBody("revoked [sim:unauthorized]"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_ledger_records_each_created_task()
    {
        var acceptedBefore = simulator.Ledger.CreateAccepted;
        var created = await simulator.CreateTaskAsync("a ledger line [sim:size=4096,dup]");
        var taskId = created.GetProperty("task_id").GetString()!;

        var entry = simulator.Ledger.Find(taskId);

        Assert.NotNull(entry);
        Assert.Equal(TaskSource.TaskApi, entry.Source);
        Assert.Equal("a ledger line [sim:size=4096,dup]", entry.Prompt);
        Assert.Equal(4096, entry.Faults.VideoSize);
        Assert.True(entry.Faults.DuplicateWebhooks);
        Assert.InRange(entry.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Contains(entry, simulator.Ledger.Tasks);
        Assert.Equal(acceptedBefore + 1, simulator.Ledger.CreateAccepted);
        Assert.Equal(4096, simulator.Ledger.VideoSize(taskId));
        Assert.Throws<KeyNotFoundException>(() => simulator.Ledger.ExpectedVideo("no-such-task"));
    }

    [Fact]
    public async Task PublicBaseUrl_is_used_for_video_links()
    {
        await using var app = SimulatorApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            options =>
            {
                options.PublicBaseUrl = "http://127.0.0.1:9/cdn";
                options.StepDelay = TimeSpan.Zero;
            });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Add("X-API-Key", app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value.ApiKey);

        using var response = await client.PostAsJsonAsync("api/v1/task", SimulatorFixture.CreateBody("a public link"));
        var taskId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("task_id").GetString();

        Assert.Equal(new Uri("http://127.0.0.1:9/cdn/"), app.Services.GetRequiredService<SimulatorAddress>().BaseUri);
        string? video = null;
        for (var i = 0; i < 100 && video is null; i++)
        {
            await Task.Delay(20);
            var task = JsonDocument.Parse(await client.GetStringAsync($"api/v1/task/{taskId}")).RootElement.GetProperty("data");
            video = task.GetProperty("output").ValueKind == JsonValueKind.Object ? task.GetProperty("output").GetProperty("video").GetString() : null;
        }

        Assert.Equal($"http://127.0.0.1:9/cdn/files/{taskId}.mp4", video);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("--Simulator:ApiKey=")]
    [InlineData("--Simulator:StepDelay=-00:00:01")]
    [InlineData("--Simulator:WebhookAttempts=0")]
    [InlineData("--Simulator:DefaultVideoSize=39")]
    [InlineData("--Simulator:PublicBaseUrl=not-a-url")]
    public async Task Invalid_settings_stop_the_start(string setting)
    {
        await using var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=None", setting]);

        await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(property => property.Name)];

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")]
    private static partial Regex GoTimestamp();
}
