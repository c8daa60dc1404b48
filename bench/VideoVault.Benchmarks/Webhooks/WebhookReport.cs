using System.Globalization;
using VideoVault.Benchmarks.Infrastructure;

namespace VideoVault.Benchmarks.Webhooks;

/// <summary>The webhook section of latest.md.</summary>
internal static class WebhookReport
{
    private const string Text = "(a) a non-terminal event moving a pending task to processing (no event subscription). Floor: the storage operations the handler issues today for it, issued directly through the SDK on the rows the app's own code makes for that change (`bench/VideoVault.Benchmarks/Webhooks/WebhookFloor.cs`): the task read, upserts of index-processing and of index-all (the task list's change writes index-all on every transition; today's handler does not yet, so the floor issues one operation more), the transaction (task replaced If-Match + the event added), the delete of index-pending; after the answer, as the event dispatcher does, the task's partition read, the CloudEvent sent (the delivery message), the event row replaced. (b) a duplicate terminal event of an archived task: 1 read; floor = GetEntity. (c) wrong secret: no storage. Each phase starts once the deliveries of the one before are done.";

    public static string Markdown(WebhookFigures webhook) => FloorMarkdown.Section(
        "Webhook path (dev host + Azurite) against the storage floor",
        Text,
        "| concurrency | (a) req/s | (a) p50 / p99 ms | floor (a) req/s | floor (a) p50 / p99 ms | (a)/floor | (b) req/s | (b) p50 / p99 ms | floor (b) req/s | (b)/floor | (c) req/s | (c) p50 / p99 ms | (c)/(a) |",
        webhook.Levels.Select(w => string.Create(CultureInfo.InvariantCulture, $"| {w.Concurrency} | {w.NonTerminal.Load.PerSecond:F0} | {w.NonTerminal.Load.P50Ms:F1} / {w.NonTerminal.Load.P99Ms:F1} | {w.NonTerminalFloor.Load.PerSecond:F0} | {w.NonTerminalFloor.Load.P50Ms:F1} / {w.NonTerminalFloor.Load.P99Ms:F1} | {w.NonTerminalRatio:F2} | {w.Duplicate.Load.PerSecond:F0} | {w.Duplicate.Load.P50Ms:F1} / {w.Duplicate.Load.P99Ms:F1} | {w.DuplicateFloor.Load.PerSecond:F0} | {w.DuplicateRatio:F2} | {w.Refused.Load.PerSecond:F0} | {w.Refused.Load.P50Ms:F2} / {w.Refused.Load.P99Ms:F2} | {w.RefusedToNonTerminal:F1} |")),
        FloorMarkdown.Costs(webhook.Levels.Select(w => (w.Concurrency, w.NonTerminal, w.NonTerminalFloor)), "a non-terminal event (a)"),
        FloorMarkdown.Operations(webhook.NonTerminalOperations, "non-terminal event (a)"));
}
