using System.Globalization;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>One chaos task: its prompt (carrying the simulator's fault tags), the faults by kind, and how it must end.</summary>
internal sealed record ChaosTask(int Index, string Prompt, IReadOnlyList<string> Faults, string ExpectedStatus);

/// <summary>
/// Draws each task's faults from a seeded random source, so a run is repeated exactly by its seed,
/// and works out the status the task must end in under the stack's attempt limits.
/// </summary>
/// <param name="hostsMayDie">
/// A run that kills hosts. A host may die while PiAPI's answer to any submit is on its way, so no task loses
/// all its webhooks (with both lost the task is paid twice, see docs/reliability.md); and it may die holding a
/// submit or copy claim, which counts as an attempt, so refused submits and failing downloads leave one
/// attempt spare. Without it the same seed draws the same plan as before this option existed.
/// </param>
internal sealed class ChaosPlan(int seed, int maxSubmitAttempts, int maxArchiveAttempts, TimeSpan piApiTimeout, bool hostsMayDie = false)
{
    private readonly Random _random = new(seed);

    /// <summary>Attempts a dying host may cost a task, on top of those its faults use up.</summary>
    private int SpareAttempts => hostsMayDie ? 1 : 0;

    public ChaosTask Draw(int index)
    {
        var faults = new List<string>();
        var tags = new List<string>();
        void Add(string kind, string tag)
        {
            faults.Add(kind);
            tags.Add(tag);
        }

        // Small videos keep 300 copies cheap; the size is a property, not a fault.
        var size = _random.Next(40 * 1024, 512 * 1024);
        tags.Add(Tag("size", size));
        var expected = Submit(Add, out var timesOut);
        if (expected is null)
        {
            Lifecycle(Add, timesOut || hostsMayDie);
            expected = Chance(0.05) ? Failed(Add) : Video(Add, size);
        }

        return new ChaosTask(index, $"chaos {index} {Guid.NewGuid():N} [sim:{string.Join(',', tags)}]", faults, expected);
    }

    /// <summary>Longer than PiApi:Timeout, so the submit times out although PiAPI created the task.</summary>
    private int SubmitTimeoutDelay => (int)piApiTimeout.TotalMilliseconds + 1000;

    /// <returns>"submit_failed" when the submit can never succeed; null when it gets through in the end.</returns>
    private string? Submit(Action<string, string> add, out bool timesOut)
    {
        timesOut = false;
        if (Chance(0.01))
        {
            add("unauthorized", "unauthorized");
            return "submit_failed";
        }

        if (Chance(0.02))
        {
            add("submit500 x all attempts", Tag("submit500", maxSubmitAttempts));
            return "submit_failed";
        }

        // At most 4 refusals (3 with a spare attempt): the fifth attempt (MaxSubmitAttempts) still gets through.
        var refusals = 0;
        if (Chance(0.08))
        {
            refusals = _random.Next(1, 3);
            add("submit429", Tag("submit429", refusals));
        }

        if (Chance(0.08))
        {
            add("submit500", Tag("submit500", Math.Min(_random.Next(1, 3), maxSubmitAttempts - 1 - SpareAttempts - refusals)));
        }

        if (Chance(0.03))
        {
            add("submit timeout", Tag("submitdelay", SubmitTimeoutDelay));
            timesOut = true;
        }
        else if (Chance(0.05))
        {
            add("slow submit answer", Tag("submitdelay", _random.Next(200, 1500)));
        }

        return null;
    }

    /// <param name="unanswered">
    /// The submit times out: only a webhook can tell VideoVault the PiAPI task id, so webhooks are never
    /// lost for such a task (both lost is the double fault that must be paid twice; see docs/reliability.md).
    /// </param>
    private void Lifecycle(Action<string, string> add, bool unanswered)
    {
        if (Chance(0.10))
        {
            add("completion delay", Tag("delay", _random.Next(100, 2000)));
        }

        if (!unanswered && Chance(0.08))
        {
            add("no webhooks", "nowebhook");
            return;
        }

        if (Chance(0.10))
        {
            add("duplicate webhooks", "dup");
        }

        if (Chance(0.10))
        {
            add("reordered webhooks", "reorder");
        }

        if (Chance(0.08))
        {
            add("delayed webhooks", Tag("webhookdelay", _random.Next(200, 2000)));
        }
    }

    private static string Failed(Action<string, string> add)
    {
        add("PiAPI task failure", "fail");
        return "failed";
    }

    private string Video(Action<string, string> add, int size)
    {
        var expected = "archived";
        var draw = _random.NextDouble();
        if (draw < 0.03)
        {
            add("truncated download", "truncate");
            expected = "archive_failed";
        }
        else if (draw < 0.06)
        {
            add("non-video payload", "html");
            expected = "archive_failed";
        }
        else if (draw < 0.08)
        {
            add("stalled download", "stall");
            expected = "archive_failed";
        }
        else if (draw < 0.14)
        {
            // Failing on the attempt a dying host may take would leave the outcome to chance: fail every attempt instead.
            var failures = _random.Next(1, maxArchiveAttempts + 1);
            failures = failures >= maxArchiveAttempts - SpareAttempts ? maxArchiveAttempts : failures;
            add(failures < maxArchiveAttempts ? "failing download" : "failing download x all attempts", Tag("videofail", failures));
            expected = failures < maxArchiveAttempts ? expected : "archive_failed";
        }

        if (Chance(0.06))
        {
            // Between half a second and two seconds per video.
            add("slow download", Tag("slow", (int)(size / (0.5 + (_random.NextDouble() * 1.5)))));
        }

        return expected;
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private static string Tag(string name, int value) => name + "=" + value.ToString(CultureInfo.InvariantCulture);
}
