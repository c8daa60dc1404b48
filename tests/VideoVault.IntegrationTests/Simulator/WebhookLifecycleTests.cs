using System.Text.Json;

namespace VideoVault.IntegrationTests.Simulator;

public sealed class WebhookLifecycleTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Each_state_is_posted_with_the_secret_header_and_the_vendor_body()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var created = await simulator.CreateTaskAsync("a kite over dunes", receiver.Endpoint, "s3cr3t.value");
        var taskId = created.GetProperty("task_id").GetString()!;

        var webhooks = await receiver.WaitForAsync(3);

        Assert.Equal(["pending", "processing", "completed"], webhooks.Select(webhook => webhook.Status));
        foreach (var webhook in webhooks)
        {
            Assert.Equal("s3cr3t.value", webhook.Secret);
            Assert.Equal("application/json", webhook.ContentType);
            Assert.Equal(["timestamp", "data"], webhook.Root.EnumerateObject().Select(property => property.Name));
            Assert.InRange(webhook.Root.GetProperty("timestamp").GetInt64(), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var data = webhook.Root.GetProperty("data");
            Assert.Equal(taskId, data.GetProperty("task_id").GetString());
            Assert.Equal("s3cr3t.value", data.GetProperty("config").GetProperty("webhook_config").GetProperty("secret").GetString());
        }

        var completed = webhooks[2].Root.GetProperty("data");
        Assert.Equal(new Uri(simulator.BaseUri, $"files/{taskId}.mp4").AbsoluteUri, completed.GetProperty("output").GetProperty("video").GetString());
        Assert.Equal(JsonValueKind.Null, webhooks[1].Root.GetProperty("data").GetProperty("output").ValueKind);
        Assert.NotEqual("0001-01-01T00:00:00Z", webhooks[1].Root.GetProperty("data").GetProperty("meta").GetProperty("started_at").GetString());

        var entry = simulator.Ledger.Find(taskId)!;
        await Eventually(() => entry.WebhooksDelivered == 3);
        Assert.Equal(3, entry.WebhookAttempts);
        Assert.Equal(0, entry.WebhooksAbandoned);
    }

    [Fact]
    public async Task A_failed_task_posts_failed_last()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await simulator.CreateTaskAsync("a glitch [sim:fail]", receiver.Endpoint, "k");

        var webhooks = await receiver.WaitForAsync(3);

        Assert.Equal(["pending", "processing", "failed"], webhooks.Select(webhook => webhook.Status));
        Assert.NotEqual(0, webhooks[2].Root.GetProperty("data").GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Dup_delivers_every_webhook_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await simulator.CreateTaskAsync("an echo [sim:dup]", receiver.Endpoint, "k");

        var webhooks = await receiver.WaitForAsync(6);

        Assert.Equal(["pending", "pending", "processing", "processing", "completed", "completed"], webhooks.Select(webhook => webhook.Status));
        var entry = simulator.Ledger.Find(created.GetProperty("task_id").GetString()!)!;
        await Eventually(() => entry.WebhooksDelivered == 6);
    }

    [Fact]
    public async Task Reorder_sends_completed_before_processing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await simulator.CreateTaskAsync("a shuffle [sim:reorder]", receiver.Endpoint, "k");

        var webhooks = await receiver.WaitForAsync(3);

        Assert.Equal(["pending", "completed", "processing"], webhooks.Select(webhook => webhook.Status));
    }

    [Fact]
    public async Task Nowebhook_sends_nothing_but_the_task_still_completes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await simulator.CreateTaskAsync("a silent run [sim:nowebhook]", receiver.Endpoint, "k");
        var taskId = created.GetProperty("task_id").GetString()!;

        await simulator.WaitForStatusAsync(taskId, "completed");
        await Task.Delay(SimulatorFixture.StepDelay * 10);

        Assert.Empty(receiver.Received);
        Assert.Equal(0, simulator.Ledger.Find(taskId)!.WebhookAttempts);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_until_it_answers_2xx()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var created = await simulator.CreateTaskAsync("a retry", receiver.Endpoint, "k");

        var webhooks = await receiver.WaitForAsync(5);

        Assert.Equal([500, 500, 200, 200, 200], webhooks.Select(webhook => webhook.AnsweredStatus));
        Assert.Equal(["pending", "pending", "pending", "processing", "completed"], webhooks.Select(webhook => webhook.Status));
        var entry = simulator.Ledger.Find(created.GetProperty("task_id").GetString()!)!;
        await Eventually(() => entry.WebhooksDelivered == 3);
        Assert.Equal(5, entry.WebhookAttempts);
    }

    [Fact]
    public async Task A_receiver_that_never_accepts_is_given_up_after_the_configured_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        var created = await simulator.CreateTaskAsync("a dead end", receiver.Endpoint, "k");
        var entry = simulator.Ledger.Find(created.GetProperty("task_id").GetString()!)!;

        await Eventually(() => entry.WebhooksAbandoned == 3);

        Assert.Equal(12, entry.WebhookAttempts);
        Assert.Equal(0, entry.WebhooksDelivered);
        Assert.Equal(12, receiver.Received.Count);
    }

    [Fact]
    public async Task A_closed_port_counts_as_a_failed_attempt()
    {
        var created = await simulator.CreateTaskAsync("nobody home", new Uri("http://127.0.0.1:9/hook"), "k");
        var entry = simulator.Ledger.Find(created.GetProperty("task_id").GetString()!)!;

        await Eventually(() => entry.WebhooksAbandoned == 3);

        Assert.Equal(12, entry.WebhookAttempts);
    }

    [Fact]
    public async Task Webhookdelay_holds_webhooks_back_while_get_already_shows_completed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await simulator.CreateTaskAsync("a slow courier [sim:webhookdelay=800]", receiver.Endpoint, "k");

        await simulator.WaitForStatusAsync(created.GetProperty("task_id").GetString()!, "completed");
        Assert.Empty(receiver.Received);

        var webhooks = await receiver.WaitForAsync(3);
        Assert.Equal(["pending", "processing", "completed"], webhooks.Select(webhook => webhook.Status));
    }

    [Fact]
    public async Task Delay_postpones_completion()
    {
        var created = await simulator.CreateTaskAsync("a long render [sim:delay=1000]");
        var taskId = created.GetProperty("task_id").GetString()!;

        await simulator.WaitForStatusAsync(taskId, "processing");
        await Task.Delay(200);
        Assert.Equal("processing", (await simulator.GetTaskAsync(taskId)).GetProperty("status").GetString());

        await simulator.WaitForStatusAsync(taskId, "completed");
    }

    [Fact]
    public async Task Three_hundred_concurrent_tasks_each_get_their_webhooks_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var ids = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
            (await simulator.CreateTaskAsync($"a crowd scene {i}", receiver.Endpoint, "k")).GetProperty("task_id").GetString()!));

        var webhooks = await receiver.WaitForAsync(900);

        var byTask = webhooks.GroupBy(webhook => webhook.Root.GetProperty("data").GetProperty("task_id").GetString()!).ToDictionary(group => group.Key);
        Assert.Equal(ids.Order(), byTask.Keys.Order());
        Assert.All(byTask.Values, group => Assert.Equal(["pending", "processing", "completed"], group.Select(webhook => webhook.Status)));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(20);
        }
    }
}
