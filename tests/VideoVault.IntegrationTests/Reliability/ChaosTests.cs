using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Tasks;
using VideoVault.Work;
using Xunit.Abstractions;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// 300 tasks through the whole stack with faults drawn at random (seeded, printed) from the simulator's
/// tags, then the invariants: every task terminal within its deadline and in the state its faults call
/// for, every archived task one blob matching the source and the entity, no blob without an archived
/// task, one PiAPI task per accepted submit, nothing poisoned without the task failed with a reason, no
/// secret in the logs, no 5xx from VideoVault. Every task also subscribes a webhook receiver with
/// faults of its own, and the event invariants hold (ChaosEventChecks). Repeat a run with
/// <c>VIDEOVAULT_CHAOS_SEED=&lt;seed&gt;</c>.
/// </summary>
[Trait("Category", "Chaos")]
[Collection(ChaosCollection.Name)]
public sealed partial class ChaosTests(AzuriteFixture azurite, ITestOutputHelper output) : StackTest(azurite)
{
    private const int TaskCount = 300;

    /// <summary>Moderate, for a 2-core machine shared with other builds.</summary>
    private const int SubmitsInFlight = 24;

    private const int MaxSubmitAttempts = 5;
    private const int MaxArchiveAttempts = 3;
    private static readonly TimeSpan PiApiTimeout = TimeSpan.FromSeconds(5);

    /// <summary>From a task's submit; the slowest plans (a stalled download tried three times) need about 15 s.</summary>
    private static readonly TimeSpan TaskDeadline = TimeSpan.FromSeconds(120);

    private readonly List<Check> _checks = [];
    private FlappingPort? _flapping;

    /// <summary>The stack's short retries and reconcile, with the limits the plan is computed against.</summary>
    protected override void Configure(StackSettings settings)
    {
        settings.ConsoleLogs = false;
        settings.DefaultVideoSize = 64 * 1024;
        var configuration = settings.Configuration;
        configuration["VideoVault:MaxSubmitAttempts"] = MaxSubmitAttempts.ToString(CultureInfo.InvariantCulture);
        configuration["VideoVault:MaxArchiveAttempts"] = MaxArchiveAttempts.ToString(CultureInfo.InvariantCulture);
        configuration["PiApi:Timeout"] = PiApiTimeout.ToString();
        configuration["VideoVault:InlineCopyBudget"] = "00:00:05";
        configuration["VideoVault:ArchiveLease"] = "00:00:15";
        ConfigureEvents(configuration);
    }

    [Fact]
    public async Task Three_hundred_tasks_under_random_faults_keep_every_invariant()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("VIDEOVAULT_CHAOS_SEED"), CultureInfo.InvariantCulture, out var pinned) ? pinned : Random.Shared.Next();
        output.WriteLine($"chaos seed {seed} (repeat with VIDEOVAULT_CHAOS_SEED={seed})");
        var plan = new ChaosPlan(seed, MaxSubmitAttempts, MaxArchiveAttempts, PiApiTimeout);
        var tasks = Enumerable.Range(0, TaskCount).Select(plan.Draw).ToList();
        var consumers = Enumerable.Range(0, TaskCount).Select(new ChaosConsumerPlan(seed).Draw).ToList();
        await using var flapping = FlappingPort.Start(new IPEndPoint(IPAddress.Loopback, Stack.SimulatorUri.Port), up: TimeSpan.FromSeconds(3), down: TimeSpan.FromSeconds(1.5));
        _flapping = flapping;

        var clock = Stopwatch.StartNew();
        var (ids, submittedAt, submitErrors) = await SubmitAllAsync(tasks, consumers, clock);
        var submitTime = clock.Elapsed;
        var (entities, terminalAt) = await WaitForTerminalAsync(ids, submittedAt, clock);
        var wall = clock.Elapsed;
        var events = await WaitForEventsSettledAsync();
        var eventWall = clock.Elapsed;

        Record("every submit accepted (202)", submitErrors);
        CheckTerminalInTime(tasks, ids, submittedAt, entities, terminalAt);
        CheckPlannedOutcomes(tasks, ids, entities);
        await CheckBlobsAsync(ids, entities);
        CheckPiApiTasks(tasks, ids, entities);
        await CheckPoisonAsync(entities);
        await CheckEventsAsync(consumers, ids, entities, events);
        Record("no secret in the logs", Stack.LoggedSecrets(ids.OfType<string>()));
        Record("no 5xx answered by VideoVault", Stack.Logs.Lines.Where(line => ServerError().IsMatch(line)).ToList());

        Report(seed, tasks, entities, ids, submittedAt, terminalAt, submitTime, wall);
        output.WriteLine($"CHAOS-EVENTS seed={seed} settled={eventWall.TotalSeconds:0.0}s receivers=[{Join(consumers.SelectMany(c => c.Faults).CountBy(f => f).OrderByDescending(p => p.Value))}] {EventSummary(events)}");
        var failed = _checks.Where(c => c.Failures.Count > 0).ToList();
        Assert.True(failed.Count == 0, string.Join('\n', failed.Select(c => $"{c.Name}: {c.Failures.Count} failure(s), e.g. {string.Join(" | ", c.Failures.Take(3))}")));
    }

    private async Task<(string?[] Ids, TimeSpan[] SubmittedAt, List<string> Errors)> SubmitAllAsync(List<ChaosTask> tasks, List<ChaosConsumer> consumers, Stopwatch clock)
    {
        var ids = new string?[tasks.Count];
        var submittedAt = new TimeSpan[tasks.Count];
        var errors = new ConcurrentQueue<string>();
        using var gate = new SemaphoreSlim(SubmitsInFlight);
        await Task.WhenAll(tasks.Select(async task =>
        {
            await gate.WaitAsync();
            try
            {
                submittedAt[task.Index] = clock.Elapsed;
                var consumer = consumers[task.Index];
                var receiver = consumer.Refused ? new Uri($"http://127.0.0.1:{_flapping!.Port}/") : Stack.SimulatorUri;
                ids[task.Index] = Id(await Stack.SubmitAsync(SubmitBody(task, consumer, receiver)));
            }
            catch (Exception exception)
            {
                errors.Enqueue($"task {task.Index}: {exception.Message}");
            }
            finally
            {
                gate.Release();
            }
        }));
        return (ids, submittedAt, [.. errors]);
    }

    /// <summary>Reads the whole table every half second until every task is terminal or the last deadline has passed.</summary>
    private async Task<(Dictionary<string, TableEntity> Entities, Dictionary<string, TimeSpan> TerminalAt)> WaitForTerminalAsync(string?[] ids, TimeSpan[] submittedAt, Stopwatch clock)
    {
        var entities = new Dictionary<string, TableEntity>();
        var terminalAt = new Dictionary<string, TimeSpan>();
        var giveUpAt = submittedAt.Max() + TaskDeadline;
        while (true)
        {
            foreach (var entity in await Stack.EntitiesAsync())
            {
                entities[entity.PartitionKey] = entity;
                if (IsTerminal(entity) && !terminalAt.ContainsKey(entity.PartitionKey))
                {
                    terminalAt[entity.PartitionKey] = clock.Elapsed;
                }
            }

            if (ids.All(id => id is null || terminalAt.ContainsKey(id)) || clock.Elapsed > giveUpAt)
            {
                return (entities, terminalAt);
            }

            await Task.Delay(500);
        }
    }

    private void CheckTerminalInTime(List<ChaosTask> tasks, string?[] ids, TimeSpan[] submittedAt, Dictionary<string, TableEntity> entities, Dictionary<string, TimeSpan> terminalAt)
    {
        var failures = new List<string>();
        foreach (var task in tasks)
        {
            if (ids[task.Index] is not { } id)
            {
                continue;
            }

            if (!terminalAt.TryGetValue(id, out var at))
            {
                failures.Add($"task {task.Index} {Describe(task)} still {entities.GetValueOrDefault(id)?.GetString("Status") ?? "missing"}");
            }
            else if (at - submittedAt[task.Index] > TaskDeadline)
            {
                failures.Add($"task {task.Index} {Describe(task)} took {at - submittedAt[task.Index]}");
            }
        }

        Record($"every task terminal within {TaskDeadline.TotalSeconds:0} s of its submit", failures);
    }

    private void CheckPlannedOutcomes(List<ChaosTask> tasks, string?[] ids, Dictionary<string, TableEntity> entities)
    {
        var failures = new List<string>();
        foreach (var task in tasks)
        {
            if (ids[task.Index] is { } id && entities.GetValueOrDefault(id) is { } entity && IsTerminal(entity) && entity.GetString("Status") != task.ExpectedStatus)
            {
                failures.Add($"task {task.Index} {Describe(task)} ended {entity.GetString("Status")}, expected {task.ExpectedStatus}: {entity.GetString("Error")}");
            }

            if (ids[task.Index] is { } failedId && entities.GetValueOrDefault(failedId) is { } failure
                && TaskStatusRules.IsFailure(TaskStatusNames.Parse(failure.GetString("Status")!)) && string.IsNullOrWhiteSpace(failure.GetString("Error")))
            {
                failures.Add($"task {task.Index} {Describe(task)} ended {failure.GetString("Status")} without a reason");
            }
        }

        Record("every task ends as its faults call for, failures with a reason", failures);
    }

    /// <summary>Each archived task: one blob, named in the entity, whose bytes (read back through a SAS link) match the source.</summary>
    private async Task CheckBlobsAsync(string?[] ids, Dictionary<string, TableEntity> entities)
    {
        var blobs = (await Stack.BlobsAsync()).ToDictionary(b => b.Name, StringComparer.Ordinal);
        var archived = ids.OfType<string>().Select(id => entities.GetValueOrDefault(id)).OfType<TableEntity>().Where(e => e.GetString("Status") == "archived").ToList();
        var failures = new ConcurrentQueue<string>();
        using var download = new HttpClient();
        await Parallel.ForEachAsync(archived, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entity, cancellationToken) =>
        {
            var id = entity.PartitionKey;
            var expected = Stack.Ledger.ExpectedVideo(entity.GetString("PiApiTaskId")!);
            var blobName = entity.GetString("BlobName");
            if (blobName is null || !blobs.TryGetValue(blobName, out var blob))
            {
                failures.Enqueue($"{id}: no blob {blobName}");
                return;
            }

            if (blob.Properties.ContentLength != expected.Size || entity.GetInt64("VideoSize") != expected.Size || entity.GetString("Sha256") != expected.Sha256Hex)
            {
                failures.Enqueue($"{id}: blob {blob.Properties.ContentLength} bytes, entity {entity.GetInt64("VideoSize")} bytes {entity.GetString("Sha256")}, source {expected.Size} bytes {expected.Sha256Hex}");
                return;
            }

            var link = await Stack.VideoStore.CreateReadUriAsync(blobName, TimeSpan.FromMinutes(5), cancellationToken);
            await using var content = await download.GetStreamAsync(link, cancellationToken);
            if (!(await SHA256.HashDataAsync(content, cancellationToken)).AsSpan().SequenceEqual(expected.Sha256))
            {
                failures.Enqueue($"{id}: the blob's bytes do not hash to the source's SHA-256");
            }
        });
        Record("every archived task has one blob matching the source and the entity (SHA-256 and size)", [.. failures]);

        var owned = archived.Select(e => e.GetString("BlobName")).ToHashSet(StringComparer.Ordinal);
        Record("no blob without an archived task", blobs.Keys.Where(name => !owned.Contains(name)).ToList());
    }

    /// <summary>PiAPI created exactly one task per task it accepted, bound to it, and none for a submit that failed.</summary>
    private void CheckPiApiTasks(List<ChaosTask> tasks, string?[] ids, Dictionary<string, TableEntity> entities)
    {
        var ledger = Stack.Ledger;
        var created = ledger.Tasks.ToLookup(t => t.Prompt, StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var task in tasks)
        {
            if (ids[task.Index] is not { } id || entities.GetValueOrDefault(id) is not { } entity)
            {
                continue;
            }

            var mine = created[task.Prompt].ToList();
            var submitFailed = entity.GetString("Status") == "submit_failed";
            if (submitFailed ? mine.Count != 0 : mine.Count != 1 || mine[0].TaskId != entity.GetString("PiApiTaskId"))
            {
                failures.Add($"task {task.Index} {Describe(task)} ({entity.GetString("Status")}): PiAPI created {mine.Count}, bound to {entity.GetString("PiApiTaskId")}");
            }
        }

        if (ledger.CreateAccepted != ledger.Tasks.Count || ledger.Tasks.Count != tasks.Count(t => ids[t.Index] is { } id && entities.GetValueOrDefault(id)?.GetString("Status") != "submit_failed"))
        {
            failures.Add($"PiAPI accepted {ledger.CreateAccepted} creates for {ledger.Tasks.Count} tasks");
        }

        Record("PiAPI created exactly one task per accepted submit", failures);
    }

    /// <summary>Whatever was poisoned belongs to a task marked failed with a reason; nothing waits in the poison queue.</summary>
    private async Task CheckPoisonAsync(Dictionary<string, TableEntity> entities)
    {
        var failures = new List<string>();
        var marked = Stack.Logs.Lines.Select(line => MarkedFailed().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value);
        Azure.Storage.Queues.Models.QueueMessage[] left = await Stack.PoisonQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1));
        foreach (var id in marked.Concat(left.Select(m => WorkItemJson.TryParse(m.MessageText)?.TaskId ?? m.MessageText)).Distinct())
        {
            var entity = entities.GetValueOrDefault(id);
            if (entity?.GetString("Status") is not { } status || !TaskStatusRules.IsFailure(TaskStatusNames.Parse(status)) || string.IsNullOrWhiteSpace(entity.GetString("Error")))
            {
                failures.Add($"poisoned work for {id}, but the task is {entity?.GetString("Status") ?? "missing"}");
            }
        }

        Record($"nothing poisoned without the task failed with a reason ({PoisonedCount} poisoned, {left.Length} left in the queue)", failures);
    }

    private int PoisonedCount => Stack.Logs.Lines.Count(line => line.Contains("moved to the poison queue", StringComparison.Ordinal));

    private void Report(int seed, List<ChaosTask> tasks, Dictionary<string, TableEntity> entities, string?[] ids, TimeSpan[] submittedAt, Dictionary<string, TimeSpan> terminalAt, TimeSpan submitTime, TimeSpan wall)
    {
        var faults = tasks.SelectMany(t => t.Faults).CountBy(f => f).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var outcomes = entities.Values.CountBy(e => e.GetString("Status") ?? "?").OrderByDescending(p => p.Value).ToList();
        var durations = tasks.Where(t => ids[t.Index] is { } id && terminalAt.ContainsKey(id))
            .Select(t => terminalAt[ids[t.Index]!] - submittedAt[t.Index]).Order().ToList();
        var ledger = Stack.Ledger.Tasks;

        output.WriteLine($"tasks: {tasks.Count}, {tasks.Count(t => t.Faults.Count > 0)} with faults, {tasks.Sum(t => t.Faults.Count)} faults injected");
        foreach (var (kind, count) in faults)
        {
            output.WriteLine($"  fault {kind}: {count}");
        }

        output.WriteLine($"outcomes: {Join(outcomes)}");
        output.WriteLine($"PiAPI: {Stack.Ledger.CreateAccepted} creates accepted, {Stack.Ledger.CreateRefused} refused; webhooks {ledger.Sum(t => t.WebhooksDelivered)} delivered, {ledger.Sum(t => t.WebhooksAbandoned)} given up; {ledger.Sum(t => t.VideoRequests)} video GETs");
        output.WriteLine($"time to terminal: median {Percentile(durations, 0.5):0.0} s, p95 {Percentile(durations, 0.95):0.0} s, max {Percentile(durations, 1):0.0} s");
        output.WriteLine($"wall: {wall.TotalSeconds:0.0} s ({submitTime.TotalSeconds:0.0} s submitting, {SubmitsInFlight} in flight), {Stack.Logs.Lines.Count} log lines");
        foreach (var check in _checks)
        {
            output.WriteLine($"{(check.Failures.Count == 0 ? "PASS" : "FAIL")} {check.Name}");
            foreach (var failure in check.Failures.Take(5))
            {
                output.WriteLine($"       {failure}");
            }
        }

        output.WriteLine(
            $"CHAOS seed={seed} tasks={tasks.Count} wall={wall.TotalSeconds:0.0}s faults=[{Join(faults)}] outcomes=[{Join(outcomes)}] " +
            $"piapi=[accepted {Stack.Ledger.CreateAccepted}, refused {Stack.Ledger.CreateRefused}] poisoned={PoisonedCount} " +
            $"invariants={_checks.Count(c => c.Failures.Count == 0)}/{_checks.Count} pass");
    }

    private void Record(string name, IReadOnlyList<string> failures) => _checks.Add(new Check(name, failures));

    private static bool IsTerminal(TableEntity entity) =>
        entity.GetString("Status") is { } status && TaskStatusRules.IsTerminal(TaskStatusNames.Parse(status));

    private static string Describe(ChaosTask task) => $"[{string.Join(", ", task.Faults)}]";

    private static string Join(IEnumerable<KeyValuePair<string, int>> counts) => string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}"));

    private static double Percentile(List<TimeSpan> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)].TotalSeconds;

    [GeneratedRegex(@"Task ([0-9a-f]{32}) marked failed: its")]
    private static partial Regex MarkedFailed();

    /// <summary>ASP.NET Core's request log: <c>Request finished HTTP/1.1 POST http://... - 500 ...</c>.</summary>
    [GeneratedRegex(@"Request finished .* - 5\d\d ")]
    private static partial Regex ServerError();

    private sealed record Check(string Name, IReadOnlyList<string> Failures);
}
