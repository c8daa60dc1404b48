using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoVault.Events.Receivers;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Events;

/// <summary>The subscription at submit: a bad one is a field-level 400 and creates nothing; a repeat with another subscription is a different request.</summary>
public sealed class EventSubscriptionTests(AzuriteFixture azurite) : StackTest(azurite)
{
    public static TheoryData<string, string> BadSubscriptions => new()
    {
        { """{"url":"http://example.com/hooks"}""", "webhook.url" },
        { """{"url":"https://user:secret@example.com/hooks"}""", "webhook.url" },
        { """{"url":"https://10.1.2.3/hooks"}""", "webhook.url" },
        { """{"url":"https://[::1]/hooks"}""", "webhook.url" },
        { """{"url":"https://169.254.169.254/latest"}""", "webhook.url" },
        { """{"url":"ftp://example.com/hooks"}""", "webhook.url" },
        { """{"url":"/relative"}""", "webhook.url" },
        { $$"""{"url":"https://example.com/{{new string('a', 2100)}}"}""", "webhook.url" },
        { """{"events":["task.archived"]}""", "webhook.url" },
        { """{"url":"https://example.com/hooks","events":[]}""", "webhook.events" },
        { """{"url":"https://example.com/hooks","events":["task.created"]}""", "webhook.events" },
        { """{"url":"https://example.com/hooks","events":"task.archived"}""", "webhook.events" },
        { "\"https://example.com/hooks\"", "webhook" },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task A_bad_subscription_is_a_400_naming_the_field_and_nothing_is_created(string webhook, string field)
    {
        var body = TestStack.SubmitBody(Prompt());
        body["webhook"] = JsonNode.Parse(webhook);

        using var response = await Stack.Api.PostAsJsonAsync("api/tasks", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        using var list = JsonDocument.Parse(await Stack.Api.GetStringAsync("api/tasks"));
        Assert.Empty(list.RootElement.GetProperty("tasks").EnumerateArray());
        Assert.Empty(Stack.Ledger.Tasks);
    }

    [Fact]
    public async Task The_subscription_is_stored_and_listed_with_the_events_its_query_masked()
    {
        var url = new Uri("https://hooks.example.com/videovault?token=abc");
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), url, "task.failed", "task.archived", "task.archived")));

        var webhook = (await Stack.EventsAsync(id)).GetProperty("webhook");

        // The query may hold the receiver's token: never shown back.
        Assert.Equal("https://hooks.example.com:443/videovault?…", webhook.GetProperty("url").GetString());
        Assert.Equal(ReceiverUrl.Key(new Uri("https://HOOKS.example.com:443/videovault?token=other")), webhook.GetProperty("receiver").GetString());
        Assert.Equal(["task.archived", "task.failed"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task An_idempotency_key_repeated_with_another_subscription_is_a_different_request()
    {
        var key = Guid.NewGuid().ToString("N");
        var prompt = Prompt();
        await Stack.SubmitAsync(TestStack.SubmitBody(prompt, Stack.ConsumerUrl("idempotent-a")), key);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/tasks") { Content = JsonContent.Create(TestStack.SubmitBody(prompt, Stack.ConsumerUrl("idempotent-b"))) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await Stack.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }
}
