using Xunit.Abstractions;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>Writes a chaos run's figures and verdicts to the test output, ending with the one line to copy.</summary>
internal static class ChaosReport
{
    /// <param name="summarySuffix">What a particular chaos test adds to the copyable line (e.g. its hosts), or empty.</param>
    public static void Write(ITestOutputHelper output, int seed, IReadOnlyList<ChaosTask> tasks, ChaosOutcome outcome, IChaosStack stack, ChaosChecks checks, string summarySuffix)
    {
        var faults = tasks.SelectMany(t => t.Faults).CountBy(f => f).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var outcomes = outcome.Entities.Values.CountBy(e => e.GetString("Status") ?? "?").OrderByDescending(p => p.Value).ToList();
        var durations = tasks.Where(t => outcome.Ids[t.Index] is { } id && outcome.TerminalAt.ContainsKey(id))
            .Select(t => outcome.TerminalAt[outcome.Ids[t.Index]!] - outcome.SubmittedAt[t.Index]).Order().ToList();
        var ledger = stack.Ledger;

        output.WriteLine($"tasks: {tasks.Count}, {tasks.Count(t => t.Faults.Count > 0)} with faults, {tasks.Sum(t => t.Faults.Count)} faults injected");
        foreach (var (kind, count) in faults)
        {
            output.WriteLine($"  fault {kind}: {count}");
        }

        output.WriteLine($"outcomes: {Join(outcomes)}");
        output.WriteLine($"PiAPI: {ledger.CreateAccepted} creates accepted, {ledger.CreateRefused} refused; webhooks {ledger.Tasks.Sum(t => t.WebhooksDelivered)} delivered, {ledger.Tasks.Sum(t => t.WebhooksAbandoned)} given up; {ledger.Tasks.Sum(t => t.VideoRequests)} video GETs");
        output.WriteLine($"time to terminal: median {Percentile(durations, 0.5):0.0} s, p95 {Percentile(durations, 0.95):0.0} s, max {Percentile(durations, 1):0.0} s");
        output.WriteLine($"wall: {outcome.Wall.TotalSeconds:0.0} s ({outcome.SubmitTime.TotalSeconds:0.0} s submitting, {ChaosSettings.SubmitsInFlight} in flight), {stack.LogLines.Count} log lines");
        foreach (var check in checks.Results)
        {
            output.WriteLine($"{(check.Passed ? "PASS" : "FAIL")} {check.Name}");
            foreach (var failure in check.Failures.Take(5))
            {
                output.WriteLine($"       {failure}");
            }
        }

        output.WriteLine(
            $"CHAOS seed={seed} tasks={tasks.Count} wall={outcome.Wall.TotalSeconds:0.0}s faults=[{Join(faults)}] outcomes=[{Join(outcomes)}] " +
            $"piapi=[accepted {ledger.CreateAccepted}, refused {ledger.CreateRefused}] poisoned={checks.PoisonedCount} " +
            $"invariants={checks.Results.Count(c => c.Passed)}/{checks.Results.Count} pass{summarySuffix}");
    }

    public static string Join(IEnumerable<KeyValuePair<string, int>> counts) => string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}"));

    private static double Percentile(List<TimeSpan> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)].TotalSeconds;
}
