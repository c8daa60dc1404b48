using Microsoft.Extensions.DependencyInjection;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Workers;

namespace VideoVault.IntegrationTests.Stack;

public sealed class ReconcileSweepTests(AzuriteFixture azurite) : StackTest(azurite)
{
    /// <summary>Webhooks lost and the scheduled reconcile far away: only the sweep can finish these tasks.</summary>
    protected override void Configure(StackSettings settings)
    {
        settings.Configuration["VideoVault:ReconcileDelay"] = "01:00:00";
        settings.Configuration["VideoVault:SweepStaleAfter"] = "00:00:00";
    }

    [Fact]
    public async Task The_sweep_finds_stale_tasks_and_reconcile_finishes_them()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(Id(await Stack.SubmitAsync(Prompt("[sim:nowebhook]"))));
        }

        var archived = Id(await Stack.SubmitAsync(Prompt()));
        await Stack.WaitForTerminalAsync(archived);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(ids, id => Assert.Equal("pending", Status(Stack.GetTaskAsync(id).Result)));

        var result = await Stack.DevHostServices.GetRequiredService<ReconcileSweep>().SweepAsync(CancellationToken.None);

        Assert.Equal(3, result.Queued);
        foreach (var id in ids)
        {
            Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        }
    }
}
