using System.Diagnostics;
using VideoVault.Benchmarks;
using VideoVault.Benchmarks.Archive;
using VideoVault.Benchmarks.Budgets;
using VideoVault.Benchmarks.Completion;
using VideoVault.Benchmarks.Events;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Benchmarks.OperatorConsole;
using VideoVault.Benchmarks.Scaling;
using VideoVault.Benchmarks.StorageRates;
using VideoVault.Benchmarks.Submit;
using VideoVault.Benchmarks.Webhooks;
using VideoVault.DevHost;
using VideoVault.IntegrationTests.Infrastructure;

// `copy ...` is one measured archive copy in a child process; `storage ...` one run of the table and
// queue operations against storage the caller started (the before/after comparison); `scaling
// [--quick]` the scaling benchmark alone on its own Azurite, printing its section of latest.md
// (progress to standard error) and leaving the committed results alone; anything else runs the whole suite.
if (args is ["copy", ..])
{
    return await CopyChild.RunAsync(args[1..]);
}

if (args is ["storage", ..])
{
    return await StorageCommand.RunAsync(args[1..], (connection, name) => new SdkStorageOperations(BenchClients.For(connection), name));
}

var quick = args.Contains("--quick");
if (args is ["scaling", ..])
{
    await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { InMemory = true });
    Console.Out.Write(BenchReport.ScalingMarkdown(await ScalingBenchmark.RunAsync(azurite, ScalingBenchmark.Sizes(quick), Console.Error)));
    return 0;
}

// `console [--quick]`: the operator console in Chromium over 1,000 and 10,000 tasks, printed.
if (args is ["console", ..])
{
    await using var browsing = await BenchEnvironment.StartAsync();
    Console.Out.Write(ConsoleBenchmark.Markdown(await ConsoleBenchmark.RunAsync(browsing, ConsoleBenchmark.Sizes(quick), Console.Error)));
    return 0;
}

// `events [--quick]`: the event delivery benchmark alone, printed, for a run without the copies.
if (args is ["events", ..])
{
    await using var alone = await BenchEnvironment.StartAsync();
    await EventBenchmark.RunAsync(alone, quick ? [(1, 20), (64, 128)] : [(1, 200), (64, 2048)], quick ? 20 : 200, Console.Out);
    return 0;
}

// `tracing [--quick]`: the webhook and submit benchmarks on a dev host without telemetry, then on one
// tracing everything and exporting over OTLP (to a port nobody listens on, so export attempts fail as
// they would against a slow collector), each on a fresh Azurite, printed.
if (args is ["tracing", ..])
{
    foreach (var traced in new[] { false, true })
    {
        await using var run = await BenchEnvironment.StartAsync();
        if (traced)
        {
            run.DevHostSettings[DevHostApp.OtlpEndpointSetting] = "http://127.0.0.1:9";
        }

        Console.WriteLine(traced ? "bench: with tracing (OTLP)" : "bench: without tracing");
        await WebhookBenchmark.RunAsync(run, [1, 16, 64], quick ? 150 : 600, Console.Out);
        await SubmitBenchmark.RunAsync(run, [1, 16, 64], quick ? 64 : 256, Console.Out);
    }

    return 0;
}

// `floors [--quick]`: the webhook and submit benchmarks against their storage floors alone, printed.
if (args is ["floors", ..])
{
    await using var alone = await BenchEnvironment.StartAsync();
    var webhookAlone = await WebhookBenchmark.RunAsync(alone, [1, 16, 64], quick ? 150 : 600, Console.Error);
    var submitAlone = await SubmitBenchmark.RunAsync(alone, [1, 16, 64], quick ? 64 : 256, Console.Error);
    Console.Out.Write(WebhookReport.Markdown(webhookAlone) + SubmitReport.Markdown(submitAlone));
    return 0;
}

// `completion [--quick]`: from PiAPI's completed webhook to archived and to the task.archived event, against the bare copy, printed.
if (args is ["completion", ..])
{
    await using var alone = await BenchEnvironment.StartAsync();
    Console.Out.Write(CompletionReport.Markdown(await CompletionBenchmark.RunAsync(alone, CompletionBenchmark.Sizes(quick), Console.Error)));
    return 0;
}

// `budgets [--quick]`: the submit latency the budget check adds and 50 concurrent submits against room for 10, printed.
if (args is ["budgets", ..])
{
    await using var alone = await BenchEnvironment.StartAsync();
    await BudgetBenchmark.RunAsync(alone, quick ? 50 : 300, Console.Out);
    return 0;
}

var root = RepositoryRoot.Find();
var log = Console.Out;
var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var machine = MachineInfo.Read(root);
log.WriteLine($"bench: {machine.Cpu}, {machine.Cores} cores, load {machine.LoadAverage}{(quick ? ", quick run" : string.Empty)}");

await using var environment = await BenchEnvironment.StartAsync();
long[] sizes = quick ? [10_000_000, 100_000_000] : [10_000_000, 100_000_000, 1_000_000_000];
var archive = await ArchiveBenchmark.RunAsync(environment, sizes, log);
var storage = await StorageRun.RunAsync(new SdkStorageOperations(environment.Azurite.Clients, "benchstorage"), quick ? 200 : 1000, log);
var webhook = await WebhookBenchmark.RunAsync(environment, [1, 16, 64], quick ? 150 : 600, log);
var submit = await SubmitBenchmark.RunAsync(environment, [1, 16, 64], quick ? 64 : 256, log);
var completion = await CompletionBenchmark.RunAsync(environment, CompletionBenchmark.Sizes(quick), log);
// On an Azurite of its own kept in memory: the run's Azurite saves its whole database to disk every few
// seconds, which with 100,000 tasks' rows made seeding take more than 45 minutes.
IReadOnlyList<ScalingFigures> scaling;
await using (var scalingAzurite = await AzuriteProcess.StartAsync(new AzuriteOptions { InMemory = true }))
{
    scaling = await ScalingBenchmark.RunAsync(scalingAzurite, ScalingBenchmark.Sizes(quick), log);
}

var events = await EventBenchmark.RunAsync(environment, quick ? [(1, 20), (64, 128)] : [(1, 200), (64, 2048)], quick ? 20 : 200, log);

var report = new BenchReport(machine, "bash bench/run.sh" + (quick ? " --quick" : string.Empty), started, clock.Elapsed.TotalSeconds, archive, storage, webhook, submit, completion, scaling, events);
var folder = Path.Combine(root, "bench", "results");
await report.WriteAsync(folder);
log.WriteLine($"bench: wrote {Path.Combine(folder, "latest.md")} and latest.json in {clock.Elapsed.TotalSeconds:F0} s");
return 0;
