using System.Globalization;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// The stack settings of a chaos run and the limits its plan is computed against, shared by every chaos
/// test so their plans and verdicts mean the same whichever hosts run them.
/// </summary>
internal static class ChaosSettings
{
    public const int MaxSubmitAttempts = 5;
    public const int MaxArchiveAttempts = 3;
    public static readonly TimeSpan PiApiTimeout = TimeSpan.FromSeconds(5);

    /// <summary>From a task's submit; the slowest plans (a stalled download tried three times) need about 15 s.</summary>
    public static readonly TimeSpan TaskDeadline = TimeSpan.FromSeconds(120);

    /// <summary>Moderate, for a 2-core machine shared with other builds.</summary>
    public const int SubmitsInFlight = 24;

    /// <summary>The stack's short retries and reconcile, with the limits the plan is computed against.</summary>
    public static void Apply(StackSettings settings)
    {
        settings.ConsoleLogs = false;
        settings.DefaultVideoSize = 64 * 1024;
        var configuration = settings.Configuration;
        configuration["VideoVault:MaxSubmitAttempts"] = MaxSubmitAttempts.ToString(CultureInfo.InvariantCulture);
        configuration["VideoVault:MaxArchiveAttempts"] = MaxArchiveAttempts.ToString(CultureInfo.InvariantCulture);
        configuration["PiApi:Timeout"] = PiApiTimeout.ToString();
        configuration["VideoVault:InlineCopyBudget"] = "00:00:05";
        configuration["VideoVault:ArchiveLease"] = "00:00:15";
    }

    /// <summary><c>VIDEOVAULT_CHAOS_SEED</c> when set (to repeat a run's plan), else a fresh random seed.</summary>
    public static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("VIDEOVAULT_CHAOS_SEED"), CultureInfo.InvariantCulture, out var pinned) ? pinned : Random.Shared.Next();

    /// <param name="hostsMayDie">See <see cref="ChaosPlan"/>: true where hosts are killed mid-run.</param>
    public static List<ChaosTask> Draw(int seed, int count, bool hostsMayDie = false)
    {
        var plan = new ChaosPlan(seed, MaxSubmitAttempts, MaxArchiveAttempts, PiApiTimeout, hostsMayDie);
        return Enumerable.Range(0, count).Select(plan.Draw).ToList();
    }
}
