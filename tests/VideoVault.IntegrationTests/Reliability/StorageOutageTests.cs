using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// Storage goes away while copies and submits are in flight, and comes back on the same ports and
/// data. Runs on its own Azurite (stopping the shared one would break every other test), in the
/// shared collection only so it does not compete with the other stack tests for the CPU.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Longer than the storage client's own retries (about 6 s), so requests really fail.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);

    private AzuriteProcess _azurite = null!;
    private TestStack _stack = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();

        // A short lease, so a copy cut off by the outage is taken over within seconds of storage returning;
        // one webhook attempt, so a webhook refused during the outage is lost for good (only the queue can recover).
        _stack = await TestStack.StartAsync(_azurite, settings =>
        {
            settings.SimulatorWebhookAttempts = 1;
            settings.Configuration["VideoVault:InlineCopyBudget"] = "00:00:05";
            settings.Configuration["VideoVault:ArchiveLease"] = "00:00:08";
        });
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Copies_and_submits_cut_off_by_a_storage_outage_end_archived_and_the_host_recovers_without_a_restart()
    {
        var clock = Stopwatch.StartNew();

        // Copies: 1 MiB at 256 KiB/s, so each is mid-transfer when storage goes.
        var copies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            copies.Add(Id(await _stack.SubmitAsync(Prompt("[sim:size=1048576,slow=262144]"))));
        }

        await WaitUntilAsync(async () => (await Task.WhenAll(copies.Select(StatusInTableAsync))).All(s => s == "archiving"), "copies to start");

        // Submits: PiAPI creates the task at once and its first webhook tells VideoVault the PiAPI id, but
        // the answer comes after storage is gone, and the task completes during the outage, so its last
        // webhook is refused and given up. (Answer and every webhook lost is the double fault that is
        // paid twice: docs/reliability.md.)
        var submits = Enumerable.Range(0, 4)
            .Select(_ => (Prompt: Prompt("[sim:submitdelay=2000,delay=4000]"), Key: Guid.NewGuid().ToString()))
            .ToList();
        var inFlight = submits.Select(s => PostAsync(s.Prompt, s.Key)).ToList();
        await WaitUntilAsync(
            async () => (await Task.WhenAll(submits.Select(s => _stack.EntityAsync(TaskIds.FromIdempotencyKey(s.Key))))).All(e => e?.GetString("PiApiTaskId") is not null),
            "PiAPI's first webhooks to bind the submits");

        await _azurite.StopAsync();
        output.WriteLine($"{clock.Elapsed}: storage stopped");
        var outageEnds = clock.Elapsed + Outage;

        // While storage is down the host answers, clearly: 503 with a problem body, nothing hangs.
        using (var read = await _stack.Api.GetAsync($"api/tasks/{copies[0]}"))
        {
            await AssertUnavailableAsync(read);
        }

        using (var submit = await PostAsync(Prompt(), Guid.NewGuid().ToString()))
        {
            await AssertUnavailableAsync(submit);
        }

        var firstAnswers = await Task.WhenAll(inFlight);
        output.WriteLine($"{clock.Elapsed}: submits cut off answered {string.Join(", ", firstAnswers.Select(r => (int)r.StatusCode))}");
        foreach (var answer in firstAnswers)
        {
            Assert.True(answer.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"Submit answered {(int)answer.StatusCode}");
            answer.Dispose();
        }

        if (outageEnds > clock.Elapsed)
        {
            await Task.Delay(outageEnds - clock.Elapsed);
        }

        await _azurite.RestartAsync();
        output.WriteLine($"{clock.Elapsed}: storage back");

        // A caller told 503 repeats its request with the same Idempotency-Key and gets the one task.
        var submitted = new List<string>();
        foreach (var (prompt, key) in submits)
        {
            submitted.Add(Id(await _stack.SubmitAsync(prompt, key)));
        }

        var after = Id(await _stack.SubmitAsync(Prompt()));
        foreach (var id in copies.Concat(submitted).Append(after))
        {
            var task = await _stack.WaitForTerminalAsync(id, TimeSpan.FromSeconds(60));
            Assert.True(Status(task) == "archived", $"Task {id} ended {Status(task)}: {task}");
            var expected = _stack.Ledger.ExpectedVideo(task.GetProperty("piapi_task_id").GetString()!);
            Assert.Equal(Convert.ToHexStringLower(expected.Sha256), task.GetProperty("video").GetProperty("sha256").GetString());
        }

        output.WriteLine($"{clock.Elapsed}: all {copies.Count + submitted.Count + 1} tasks archived");
        Assert.Equal(copies.Count + submitted.Count + 1, (await _stack.BlobsAsync()).Count);
        foreach (var (prompt, _) in submits)
        {
            Assert.Single(_stack.Ledger.Tasks, t => t.Prompt == prompt);
        }

        _stack.AssertNoSecretsLogged(copies.Concat(submitted).Append(after));
    }

    private async Task<HttpResponseMessage> PostAsync(string prompt, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/tasks") { Content = JsonContent.Create(TestStack.SubmitBody(prompt)) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await _stack.Api.SendAsync(request);
    }

    private async Task<string?> StatusInTableAsync(string id) => (await _stack.EntityAsync(id))?.GetString("Status");

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"Answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    private static string Prompt(string tags = "") => $"outage {Guid.NewGuid():N} {tags}".Trim();

    private static string Id(JsonElement task) => task.GetProperty("id").GetString()!;

    private static string Status(JsonElement task) => task.GetProperty("status").GetString()!;
}
