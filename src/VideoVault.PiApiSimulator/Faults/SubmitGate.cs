namespace VideoVault.PiApiSimulator.Faults;

/// <summary>Applies <c>submit429=N</c> and <c>submit500=N</c>: refuses the first create calls per prompt text.</summary>
internal sealed class SubmitGate
{
    private readonly Dictionary<string, int> refusedByPrompt = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public SubmitVerdict Admit(string prompt, FaultSpec faults)
    {
        if (faults.Submit429Count == 0 && faults.Submit500Count == 0)
        {
            return SubmitVerdict.Accept;
        }

        lock (gate)
        {
            var refused = refusedByPrompt.GetValueOrDefault(prompt);
            var verdict = refused < faults.Submit429Count ? SubmitVerdict.TooManyRequests
                : refused < faults.Submit429Count + faults.Submit500Count ? SubmitVerdict.ServerError
                : SubmitVerdict.Accept;
            if (verdict != SubmitVerdict.Accept)
            {
                refusedByPrompt[prompt] = refused + 1;
            }

            return verdict;
        }
    }
}

internal enum SubmitVerdict
{
    Accept,
    TooManyRequests,
    ServerError,
}
