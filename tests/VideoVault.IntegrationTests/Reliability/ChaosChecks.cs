using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>One invariant of a chaos run and what broke it (nothing, when it holds).</summary>
internal sealed record ChaosCheck(string Name, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// The chaos invariants over what a run saw: every submit accepted, every task terminal within its
/// deadline and in the state its faults call for, every archived task one blob matching the source and the
/// entity, no blob without an archived task, one PiAPI task per accepted submit, nothing poisoned without
/// the task failed with a reason, no secret in the logs, no 5xx from VideoVault.
/// </summary>
internal sealed partial class ChaosChecks(IChaosStack stack, IReadOnlyList<ChaosTask> tasks, ChaosOutcome outcome)
{
    private readonly List<ChaosCheck> _checks = [];

    public IReadOnlyList<ChaosCheck> Results => _checks;

    public int PoisonedCount => stack.LogLines.Count(line => line.Contains("moved to the poison queue", StringComparison.Ordinal));

    public async Task RunAllAsync()
    {
        Record("every submit accepted (202)", outcome.SubmitErrors);
        CheckTerminalInTime();
        CheckPlannedOutcomes();
        await CheckBlobsAsync();
        CheckPiApiTasks();
        await CheckPoisonAsync();
        Record("no secret in the logs", stack.LoggedSecrets(outcome.Ids.OfType<string>()));
        Record("no 5xx answered by VideoVault", stack.LogLines.Where(line => ServerError().IsMatch(line)).ToList());
    }

    /// <summary>Adds an invariant of the caller's own, reported with the rest.</summary>
    public void Record(string name, IReadOnlyList<string> failures) => _checks.Add(new ChaosCheck(name, failures));

    public void AssertAllPassed()
    {
        var failed = _checks.Where(c => !c.Passed).ToList();
        Assert.True(failed.Count == 0, string.Join('\n', failed.Select(c => $"{c.Name}: {c.Failures.Count} failure(s), e.g. {string.Join(" | ", c.Failures.Take(3))}")));
    }

    public static string Describe(ChaosTask task) => $"[{string.Join(", ", task.Faults)}]";

    private TableEntity? Entity(ChaosTask task) => outcome.Ids[task.Index] is { } id ? outcome.Entities.GetValueOrDefault(id) : null;

    private void CheckTerminalInTime()
    {
        var deadline = ChaosSettings.TaskDeadline;
        var failures = new List<string>();
        foreach (var task in tasks)
        {
            if (outcome.Ids[task.Index] is not { } id)
            {
                continue;
            }

            if (!outcome.TerminalAt.TryGetValue(id, out var at))
            {
                failures.Add($"task {task.Index} {Describe(task)} still {Entity(task)?.GetString("Status") ?? "missing"}");
            }
            else if (at - outcome.SubmittedAt[task.Index] > deadline)
            {
                failures.Add($"task {task.Index} {Describe(task)} took {at - outcome.SubmittedAt[task.Index]}");
            }
        }

        Record($"every task terminal within {deadline.TotalSeconds:0} s of its submit", failures);
    }

    private void CheckPlannedOutcomes()
    {
        var failures = new List<string>();
        foreach (var task in tasks)
        {
            if (Entity(task) is not { } entity || !ChaosRun.IsTerminal(entity))
            {
                continue;
            }

            var status = entity.GetString("Status")!;
            if (status != task.ExpectedStatus)
            {
                failures.Add($"task {task.Index} {Describe(task)} ended {status}, expected {task.ExpectedStatus}: {entity.GetString("Error")}");
            }

            if (TaskStatusRules.IsFailure(TaskStatusNames.Parse(status)) && string.IsNullOrWhiteSpace(entity.GetString("Error")))
            {
                failures.Add($"task {task.Index} {Describe(task)} ended {status} without a reason");
            }
        }

        Record("every task ends as its faults call for, failures with a reason", failures);
    }

    /// <summary>Each archived task: one blob, named in the entity, whose bytes (read back through a SAS link) match the source.</summary>
    private async Task CheckBlobsAsync()
    {
        var blobs = (await stack.BlobsAsync()).ToDictionary(b => b.Name, StringComparer.Ordinal);
        var archived = tasks.Select(Entity).OfType<TableEntity>().Where(e => e.GetString("Status") == "archived").ToList();
        var failures = new ConcurrentQueue<string>();
        using var download = new HttpClient();
        await Parallel.ForEachAsync(archived, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entity, cancellationToken) =>
        {
            var id = entity.PartitionKey;
            var expected = stack.Ledger.ExpectedVideo(entity.GetString("PiApiTaskId")!);
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

            var link = await stack.VideoStore.CreateReadUriAsync(blobName, TimeSpan.FromMinutes(5), cancellationToken);
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
    private void CheckPiApiTasks()
    {
        var ledger = stack.Ledger;
        var created = ledger.Tasks.ToLookup(t => t.Prompt, StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var task in tasks)
        {
            if (Entity(task) is not { } entity)
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

        if (ledger.CreateAccepted != ledger.Tasks.Count || ledger.Tasks.Count != tasks.Count(t => outcome.Ids[t.Index] is not null && Entity(t)?.GetString("Status") != "submit_failed"))
        {
            failures.Add($"PiAPI accepted {ledger.CreateAccepted} creates for {ledger.Tasks.Count} tasks");
        }

        Record("PiAPI created exactly one task per accepted submit", failures);
    }

    /// <summary>Whatever was poisoned belongs to a task marked failed with a reason; nothing waits in the poison queue.</summary>
    private async Task CheckPoisonAsync()
    {
        var failures = new List<string>();
        var marked = stack.LogLines.Select(line => MarkedFailed().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value);
        Azure.Storage.Queues.Models.QueueMessage[] left = await stack.PoisonQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1));
        foreach (var id in marked.Concat(left.Select(m => WorkItemJson.TryParse(m.MessageText)?.TaskId ?? m.MessageText)).Distinct())
        {
            var entity = outcome.Entities.GetValueOrDefault(id);
            if (entity?.GetString("Status") is not { } status || !TaskStatusRules.IsFailure(TaskStatusNames.Parse(status)) || string.IsNullOrWhiteSpace(entity.GetString("Error")))
            {
                failures.Add($"poisoned work for {id}, but the task is {entity?.GetString("Status") ?? "missing"}");
            }
        }

        Record($"nothing poisoned without the task failed with a reason ({PoisonedCount} poisoned, {left.Length} left in the queue)", failures);
    }

    [GeneratedRegex(@"Task ([0-9a-f]{32}) marked failed: its")]
    private static partial Regex MarkedFailed();

    /// <summary>ASP.NET Core's request log: <c>Request finished HTTP/1.1 POST http://... - 500 ...</c>.</summary>
    [GeneratedRegex(@"Request finished .* - 5\d\d ")]
    private static partial Regex ServerError();
}
