using System.Diagnostics;
using Xunit.Abstractions;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// The chaos plan across two dev host processes on one storage account behind a round-robin front end,
/// as the app scales out on Flex Consumption: submits and webhooks spread over both hosts, both poll the
/// one queue. Mid-run host a is killed with SIGKILL (whatever it held is cut off: submits, webhooks, copies,
/// queue messages) and started again on its port a few seconds later. Then the invariants of
/// <see cref="ChaosChecks"/> (nothing lost, nothing paid twice, one matching blob per archived task...)
/// and work done by both hosts, the restarted one included. Repeat a run with <c>VIDEOVAULT_CHAOS_SEED=&lt;seed&gt;</c>.
/// </summary>
[Trait("Category", "Chaos")]
[Collection(TwoHostCollection.Name)]
public sealed class TwoHostChaosTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>As many as the one-host chaos run: about 30 s on 2 cores with other builds running, well within the 3 minutes a chaos run may take.</summary>
    private const int TaskCount = 300;

    /// <summary>The kill comes when this share of the submits has started: both hosts then hold submits, webhooks, copies and queue work.</summary>
    private const double KillAfterSubmits = 0.5;

    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(3);

    private TwoHostStack _stack = null!;

    public async Task InitializeAsync() => _stack = await TwoHostStack.StartAsync(azurite);

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Two_hosts_on_one_storage_account_keep_every_chaos_invariant_when_one_is_killed_and_restarted()
    {
        var seed = ChaosSettings.Seed();
        output.WriteLine($"two-host chaos seed {seed} (repeat with VIDEOVAULT_CHAOS_SEED={seed})");
        var tasks = ChaosSettings.Draw(seed, TaskCount, hostsMayDie: true);
        var clock = Stopwatch.StartNew();
        var killSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var victim = _stack.Hosts[0];
        var crash = KillAndRestartAsync(victim, killSignal.Task, clock);
        var started = 0;

        var outcome = await ChaosRun.RunAsync(_stack, tasks, task =>
        {
            if (Interlocked.Increment(ref started) == (int)(TaskCount * KillAfterSubmits))
            {
                killSignal.TrySetResult();
            }

            return _stack.SubmitAsync(task.Prompt);
        }, clock);
        var (killedAt, backAt) = await crash;

        var checks = new ChaosChecks(_stack, tasks, outcome);
        await checks.RunAllAsync();
        checks.Record($"work done by both hosts, {victim.Name} also after its restart", HostWork.Idle(_stack.Hosts));

        var work = _stack.Hosts.SelectMany(h => h.Runs).Select(HostWork.Of).ToList();
        foreach (var run in work)
        {
            output.WriteLine($"host {run}");
        }

        var frontEnd = _stack.FrontEnd;
        var forwarded = string.Join(", ", _stack.Hosts.Select((h, i) => $"{h.Name} {frontEnd.Forwarded(i)}"));
        output.WriteLine($"front end: forwarded {forwarded}; {frontEnd.Skipped} connections refused and sent on, {frontEnd.Broken} cut off by the kill (502); {_stack.SubmitRepeats} submits repeated");
        var suffix =
            $" hosts=[{string.Join(", ", work.Select(w => $"{w.Run} requests {w.Requests} work {w.WorkItems} copies {w.Copies}"))}] " +
            $"kill=[{victim.Name} at {killedAt.TotalSeconds:0.0}s, back at {backAt.TotalSeconds:0.0}s] frontend=[{forwarded}, refused {frontEnd.Skipped}, cut {frontEnd.Broken}, resubmits {_stack.SubmitRepeats}]";
        ChaosReport.Write(output, seed, tasks, outcome, _stack, checks, suffix);
        checks.AssertAllPassed();
    }

    /// <returns>When the host was killed, and when it answered again, on the run's clock.</returns>
    private static async Task<(TimeSpan KilledAt, TimeSpan BackAt)> KillAndRestartAsync(DevHostProcess host, Task signal, Stopwatch clock)
    {
        await signal;
        await host.KillAsync();
        var killedAt = clock.Elapsed;
        await Task.Delay(Downtime);
        await host.StartAsync();
        return (killedAt, clock.Elapsed);
    }
}
