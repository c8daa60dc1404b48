using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// Recovery time after a crash, with the production reconcile schedule (first check after 2 minutes):
/// every host is killed while PiAPI finishes the tasks, so every completion webhook is lost; then one
/// host starts again. Its start-up recovery must finish every task within seconds, long before the
/// tasks' first scheduled reconcile. The figures (p50, max from the restart) go to the test output.
/// </summary>
[Trait("Category", "Chaos")]
[Collection(TwoHostCollection.Name)]
public sealed class CrashRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int TaskCount = 20;

    /// <summary>Well before the first scheduled reconcile (2 minutes after each submit): only start-up recovery can meet it.</summary>
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    private TwoHostStack _stack = null!;

    public async Task InitializeAsync() => _stack = await TwoHostStack.StartAsync(azurite, settings =>
    {
        settings.Configuration["VideoVault:ReconcileDelay"] = "00:02:00";
        settings.Configuration["VideoVault:ReconcileInterval"] = "00:05:00";
        settings.Configuration["VideoVault:RecoveryScanAfter"] = "00:00:00";
        settings.SimulatorWebhookAttempts = 2;
    });

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Tasks_whose_webhooks_were_lost_while_every_host_was_down_finish_within_seconds_of_a_restart()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, TaskCount).Select(i => _stack.SubmitAsync($"recovery {i} {Guid.NewGuid():N} [sim:delay=1500]")));
        await Task.WhenAll(_stack.Hosts.Select(host => host.KillAsync()));

        // PiAPI completes the tasks meanwhile and gives up its webhooks (two attempts each, refused).
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.All(_stack.Ledger.Tasks.Where(t => t.Prompt.StartsWith("recovery ", StringComparison.Ordinal)), entry => Assert.True(entry.WebhooksAbandoned > 0));

        var restart = Stopwatch.StartNew();
        await _stack.Hosts[0].StartAsync();
        var recovered = new Dictionary<string, TimeSpan>();
        while (recovered.Count < ids.Length)
        {
            Assert.True(restart.Elapsed < RecoveryDeadline, $"{ids.Length - recovered.Count} task(s) not archived {RecoveryDeadline} after the restart.");
            foreach (var id in ids.Where(id => !recovered.ContainsKey(id)))
            {
                if (await StatusAsync(id) == "archived")
                {
                    recovered[id] = restart.Elapsed;
                }
            }

            await Task.Delay(100);
        }

        var times = recovered.Values.Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RECOVERY tasks={times.Count} p50={times[times.Count / 2].TotalSeconds:F1}s max={times[^1].TotalSeconds:F1}s (from the restart; all webhooks lost while both hosts were down; first scheduled reconcile at 120 s)"));
    }

    private async Task<string?> StatusAsync(string id)
    {
        using var response = await _stack.Api.GetAsync($"api/tasks/{id}");
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()
            : null;
    }
}
