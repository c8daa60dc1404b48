using System.Globalization;
using VideoVault.Benchmarks.Infrastructure;

namespace VideoVault.Benchmarks.Submit;

/// <summary>The submit section of latest.md.</summary>
internal static class SubmitReport
{
    private const string Text = "`POST /api/tasks` for a Sora 2 task (no Idempotency-Key, no limits set, no event subscription), the simulator answering at once. Floor: the operations a submit issues today plus the simulator's answer, issued directly on the rows the app's own code makes (`bench/VideoVault.Benchmarks/Submit/SubmitFloor.cs`): the day's spend counted (a query and a transaction, retried on a lost race as the ledger does), the reconcile work item sent, the index rows of the new task (index-all, index-model-sora2, index-submitting), the task inserted, the claim (task replaced If-Match), PiAPI's create on the simulator, then the move to pending as in the webhook's floor (index-pending and index-all upserted, the transaction with task.submitted, index-submitting deleted; index-all is one operation more than today's code) and, after the answer, the event's delivery. Each phase starts once the deliveries of the one before are done.";

    public static string Markdown(SubmitFigures submit) => FloorMarkdown.Section(
        "Submit path (dev host + Azurite + simulator) against the storage floor",
        Text,
        "| concurrency | VideoVault req/s | VideoVault p50 / p99 ms | floor req/s | floor p50 / p99 ms | VideoVault / floor | added p50 / p99 ms |",
        submit.Levels.Select(s => string.Create(CultureInfo.InvariantCulture, $"| {s.Concurrency} | {s.VideoVault.Load.PerSecond:F0} | {s.VideoVault.Load.P50Ms:F1} / {s.VideoVault.Load.P99Ms:F1} | {s.Floor.Load.PerSecond:F0} | {s.Floor.Load.P50Ms:F1} / {s.Floor.Load.P99Ms:F1} | {s.Ratio:F2} | {s.OverheadP50Ms:F1} / {s.OverheadP99Ms:F1} |")),
        FloorMarkdown.Costs(submit.Levels.Select(s => (s.Concurrency, s.VideoVault, s.Floor)), "a submit"),
        FloorMarkdown.Operations(submit.Operations, "submit"));
}
