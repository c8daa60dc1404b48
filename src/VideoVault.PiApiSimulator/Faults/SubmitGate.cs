using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.PiApiSimulator.Faults;

/// <summary>
/// Decides whether a create call (task API or chat completions) goes through, applying <c>unauthorized</c>,
/// <c>submit429=N</c> and <c>submit500=N</c>; the latter two count refusals per prompt text.
/// </summary>
internal sealed class SubmitGate(SimulatorLedger ledger)
{
    private readonly Dictionary<string, int> refusedByPrompt = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public SubmitVerdict Admit(string prompt, FaultSpec faults)
    {
        if (faults.Unauthorized)
        {
            return SubmitVerdict.Unauthorized;
        }

        if (faults.Submit429Count == 0 && faults.Submit500Count == 0)
        {
            return SubmitVerdict.Accept;
        }

        SubmitVerdict verdict;
        lock (gate)
        {
            var refused = refusedByPrompt.GetValueOrDefault(prompt);
            verdict = refused < faults.Submit429Count ? SubmitVerdict.TooManyRequests
                : refused < faults.Submit429Count + faults.Submit500Count ? SubmitVerdict.ServerError
                : SubmitVerdict.Accept;
            if (verdict != SubmitVerdict.Accept)
            {
                refusedByPrompt[prompt] = refused + 1;
            }
        }

        if (verdict != SubmitVerdict.Accept)
        {
            ledger.RecordRefusal();
        }

        return verdict;
    }
}

internal enum SubmitVerdict
{
    Accept,
    Unauthorized,
    TooManyRequests,
    ServerError,
}
