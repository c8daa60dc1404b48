using VideoVault.Benchmarks.Infrastructure;

namespace VideoVault.Benchmarks.Webhooks;

/// <summary>The webhook at each concurrency against its floors, and the storage requests each side issued per webhook.</summary>
internal sealed record WebhookFigures(IReadOnlyList<WebhookLevel> Levels, CountedOperations NonTerminalOperations);

internal sealed record WebhookLevel(int Concurrency, MeteredLoad NonTerminal, MeteredLoad NonTerminalFloor, MeteredLoad Duplicate, MeteredLoad DuplicateFloor, MeteredLoad Refused)
{
    public double NonTerminalRatio => NonTerminal.Load.PerSecond / NonTerminalFloor.Load.PerSecond;

    public double DuplicateRatio => Duplicate.Load.PerSecond / DuplicateFloor.Load.PerSecond;

    public double RefusedToNonTerminal => Refused.Load.PerSecond / NonTerminal.Load.PerSecond;
}
