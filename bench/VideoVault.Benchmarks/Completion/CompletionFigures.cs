namespace VideoVault.Benchmarks.Completion;

/// <summary>
/// One video, both ways, in the same run: the bare copy's time, and from posting PiAPI's completed webhook to each
/// status on the task's timeline (completed, archiving, archived) and to the task.archived event at the receiver.
/// </summary>
internal sealed record CompletionRun(double BareMs, double CompletedMs, double ArchivingMs, double ArchivedMs, double EventMs);

/// <summary>Per size, the medians of the runs, and how the product compares with the bare copy.</summary>
internal sealed record CompletionFigures(long Size, IReadOnlyList<CompletionRun> Runs)
{
    public double BareMs => Median(r => r.BareMs);

    public double CompletedMs => Median(r => r.CompletedMs);

    public double ArchivingMs => Median(r => r.ArchivingMs);

    public double ArchivedMs => Median(r => r.ArchivedMs);

    public double EventMs => Median(r => r.EventMs);

    public double ArchivedRatio => ArchivedMs / BareMs;

    public double EventRatio => EventMs / BareMs;

    public double ArchivedAddedMs => ArchivedMs - BareMs;

    public double EventAddedMs => EventMs - BareMs;

    private double Median(Func<CompletionRun, double> figure)
    {
        var sorted = Runs.Select(figure).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
