namespace VideoVault.Work;

/// <summary>What one sweep found and queued, and how many pages it read.</summary>
internal sealed record SweepResult(int Matched, int Queued, int Pages);
