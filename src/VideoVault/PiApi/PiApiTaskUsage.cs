namespace VideoVault.PiApi;

/// <summary>What a task costs: credits frozen while it runs and consumed when it ends.</summary>
internal sealed record PiApiTaskUsage
{
    public string? Type { get; init; }

    public long Frozen { get; init; }

    public long Consume { get; init; }
}
