using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// 300 tasks through the whole stack with faults drawn at random (seeded, printed) from the simulator's
/// tags, then the invariants of <see cref="ChaosChecks"/>: every task terminal within its deadline and in
/// the state its faults call for, every archived task one blob matching the source and the entity, no blob
/// without an archived task, one PiAPI task per accepted submit, nothing poisoned without the task failed
/// with a reason, no secret in the logs, no 5xx from VideoVault. Every task also subscribes a webhook
/// receiver with faults of its own, and the invariants of <see cref="ChaosEventChecks"/> hold too.
/// Repeat a run with <c>VIDEOVAULT_CHAOS_SEED=&lt;seed&gt;</c>.
/// </summary>
[Trait("Category", "Chaos")]
[Collection(ChaosCollection.Name)]
public sealed class ChaosTests(AzuriteFixture azurite, ITestOutputHelper output) : StackTest(azurite)
{
    private const int TaskCount = 300;

    protected override void Configure(StackSettings settings)
    {
        ChaosSettings.Apply(settings);
        ChaosEventChecks.Configure(settings.Configuration);
    }

    [Fact]
    public async Task Three_hundred_tasks_under_random_faults_keep_every_invariant()
    {
        var seed = ChaosSettings.Seed();
        output.WriteLine($"chaos seed {seed} (repeat with VIDEOVAULT_CHAOS_SEED={seed})");
        var tasks = ChaosSettings.Draw(seed, TaskCount);
        var consumers = Enumerable.Range(0, TaskCount).Select(new ChaosConsumerPlan(seed).Draw).ToList();
        await using var flapping = FlappingPort.Start(new IPEndPoint(IPAddress.Loopback, Stack.SimulatorUri.Port), up: TimeSpan.FromSeconds(3), down: TimeSpan.FromSeconds(1.5));
        var stack = new SingleHostChaosStack(Stack);
        var events = new ChaosEventChecks(Stack, flapping);

        var clock = Stopwatch.StartNew();
        var outcome = await ChaosRun.RunAsync(stack, tasks, async task => Id(await Stack.SubmitAsync(events.SubmitBody(task, consumers[task.Index]))), clock);
        var rows = await events.WaitForSettledAsync();
        var eventWall = clock.Elapsed;

        var checks = new ChaosChecks(stack, tasks, outcome);
        await checks.RunAllAsync();
        await events.CheckAsync(checks, consumers, outcome, rows);

        ChaosReport.Write(output, seed, tasks, outcome, stack, checks, summarySuffix: string.Empty);
        output.WriteLine(events.Summary(seed, eventWall, consumers, rows));
        checks.AssertAllPassed();
    }
}
