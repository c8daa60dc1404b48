using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>What a chaos run saw: per task (by plan index) its id and submit time, and per id its last entity and when it turned terminal.</summary>
internal sealed record ChaosOutcome(
    string?[] Ids,
    TimeSpan[] SubmittedAt,
    IReadOnlyList<string> SubmitErrors,
    Dictionary<string, TableEntity> Entities,
    Dictionary<string, TimeSpan> TerminalAt,
    TimeSpan SubmitTime,
    TimeSpan Wall);

/// <summary>Drives a chaos plan through a stack: submits at most <see cref="ChaosSettings.SubmitsInFlight"/> at a time, then waits for every task.</summary>
internal static class ChaosRun
{
    /// <param name="submit">Submits one task and returns its id; an exception counts as a submit not accepted.</param>
    /// <param name="clock">Started by the caller, so what it times alongside the run shares the run's time line.</param>
    public static async Task<ChaosOutcome> RunAsync(IChaosStack stack, IReadOnlyList<ChaosTask> tasks, Func<ChaosTask, Task<string>> submit, Stopwatch clock)
    {
        var ids = new string?[tasks.Count];
        var submittedAt = new TimeSpan[tasks.Count];
        var errors = new ConcurrentQueue<string>();
        using (var gate = new SemaphoreSlim(ChaosSettings.SubmitsInFlight))
        {
            await Task.WhenAll(tasks.Select(async task =>
            {
                await gate.WaitAsync();
                try
                {
                    submittedAt[task.Index] = clock.Elapsed;
                    ids[task.Index] = await submit(task);
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
        }

        var submitTime = clock.Elapsed;
        var (entities, terminalAt) = await WaitForTerminalAsync(stack, ids, submittedAt, clock);
        return new ChaosOutcome(ids, submittedAt, [.. errors], entities, terminalAt, submitTime, clock.Elapsed);
    }

    public static bool IsTerminal(TableEntity entity) =>
        entity.GetString("Status") is { } status && TaskStatusRules.IsTerminal(TaskStatusNames.Parse(status));

    /// <summary>Reads the whole table every half second until every task is terminal or the last deadline has passed.</summary>
    private static async Task<(Dictionary<string, TableEntity> Entities, Dictionary<string, TimeSpan> TerminalAt)> WaitForTerminalAsync(
        IChaosStack stack, string?[] ids, TimeSpan[] submittedAt, Stopwatch clock)
    {
        var entities = new Dictionary<string, TableEntity>();
        var terminalAt = new Dictionary<string, TimeSpan>();
        var giveUpAt = submittedAt.Max() + ChaosSettings.TaskDeadline;
        while (true)
        {
            foreach (var entity in await stack.EntitiesAsync())
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
}
