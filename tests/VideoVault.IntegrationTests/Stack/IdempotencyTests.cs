using System.Net;
using System.Net.Http.Json;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

public sealed class IdempotencyTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Fact]
    public async Task Twenty_concurrent_identical_submits_make_one_task_and_one_PiAPI_task()
    {
        var prompt = Prompt();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Stack.SubmitAsync(prompt, key)));

        Assert.Single(responses.Select(Id).Distinct());
        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
        var task = await Stack.WaitForTerminalAsync(Id(responses[0]));
        Assert.Equal("archived", Status(task));
        Assert.Equal(1, Stack.Ledger.CreateAccepted);
        Assert.Equal(1, (await Stack.EntityAsync(Id(task)))!.GetInt32("SubmitAttempts"));
        Assert.Single(await Stack.BlobsAsync());
    }

    [Fact]
    public async Task A_key_reused_for_a_different_request_is_422()
    {
        var key = Guid.NewGuid().ToString();
        await Stack.SubmitAsync(Prompt(), key);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/tasks") { Content = JsonContent.Create(TestStack.SubmitBody(Prompt())) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await Stack.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_key_each_submit_is_a_new_task()
    {
        var prompt = Prompt();
        var first = Id(await Stack.SubmitAsync(prompt));
        var second = Id(await Stack.SubmitAsync(prompt));

        Assert.NotEqual(first, second);
    }
}
