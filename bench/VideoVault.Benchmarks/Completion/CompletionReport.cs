using System.Globalization;
using System.Text;

namespace VideoVault.Benchmarks.Completion;

/// <summary>The completion section of latest.md, also what the <c>completion</c> command prints.</summary>
internal static class CompletionReport
{
    public static string Markdown(IReadOnlyList<CompletionFigures> completion)
    {
        var md = new StringBuilder();
        md.AppendLine("\n## From PiAPI's completed webhook to archived, against the bare copy\n");
        md.AppendLine("A task PiAPI is working on, subscribed to its events at the simulator's receiver, gets PiAPI's `completed` webhook on the dev host, pointing at a video the simulator serves. From posting it to the task's timeline entries (`completed`, `archiving`, `archived`) and to the receiver holding the signed `task.archived` event. The baseline, in the same run and process, one after the other with the order alternating: the bare copy of the same bytes from the same URL, the HttpClient download stream into `BlockBlobClient.UploadAsync` at the archiver's block size and blocks in flight. Medians of the runs. Goals: at most 1.1× at 100 MB and 1 GB, at most 150 ms added at 2 MiB.\n");
        md.AppendLine("| size | runs | bare copy ms | to completed ms | to archiving ms | to archived ms | archived / bare | archived, added ms | to task.archived ms | event / bare | event, added ms |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in completion)
        {
            md.AppendLine(Invariant($"| {CompletionBenchmark.Label(c.Size)} | {c.Runs.Count} | {c.BareMs:F0} | {c.CompletedMs:F0} | {c.ArchivingMs:F0} | {c.ArchivedMs:F0} | {c.ArchivedRatio:F2} | {c.ArchivedAddedMs:F0} | {c.EventMs:F0} | {c.EventRatio:F2} | {c.EventAddedMs:F0} |"));
        }

        return md.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
