using System.Globalization;

namespace VideoVault.PiApiSimulator.Consumer;

/// <summary>
/// How one receiver endpoint misbehaves, from its URL's query. Deliveries to the endpoint are counted;
/// the first <see cref="Fail"/> answer <see cref="FailStatus"/>, the next <see cref="Timeout"/> never
/// answer, the next <see cref="Reset"/> have their connection dropped, and the rest succeed, each after
/// <see cref="Slow"/>. From delivery <see cref="GoneFrom"/> on, every answer is 410 Gone. An event of type
/// <see cref="Refuse"/> is always answered 400, as by a receiver that does not handle that type.
/// </summary>
/// <example><c>/consumer/shop?fail=2&amp;status=503&amp;slow=300</c>, <c>/consumer/old?gone=1</c>, <c>/consumer/picky?refuse=task.submitted</c>.</example>
public sealed record ConsumerFaults(int Fail, int FailStatus, int Timeout, int Reset, TimeSpan Slow, int? GoneFrom, string? Refuse = null)
{
    public static readonly ConsumerFaults None = new(0, 500, 0, 0, TimeSpan.Zero, null);

    /// <returns>The faults, or null with an error when the query is not understood.</returns>
    public static ConsumerFaults? Parse(IQueryCollection query, out string? error)
    {
        error = null;
        var faults = None;
        foreach (var (name, values) in query)
        {
            if (name == "refuse")
            {
                faults = faults with { Refuse = values.ToString() };
                continue;
            }

            if (!int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                error = $"'{name}' needs a whole number.";
                return null;
            }

            switch (name)
            {
                case "fail": faults = faults with { Fail = value }; break;
                case "status" when value is >= 300 and <= 599: faults = faults with { FailStatus = value }; break;
                case "timeout": faults = faults with { Timeout = value }; break;
                case "reset": faults = faults with { Reset = value }; break;
                case "slow": faults = faults with { Slow = TimeSpan.FromMilliseconds(value) }; break;
                case "gone" when value >= 1: faults = faults with { GoneFrom = value }; break;
                default:
                    error = $"Unknown fault '{name}={value}'; known: fail, status (300-599), timeout, reset, slow (ms), gone (from the Nth delivery), refuse (an event type).";
                    return null;
            }
        }

        return faults;
    }

    /// <summary>What the <paramref name="delivery"/>-th delivery (1-based) to the endpoint, an event of <paramref name="type"/>, gets.</summary>
    public ConsumerAnswer AnswerFor(int delivery, string? type) =>
        Refuse is not null && type == Refuse ? ConsumerAnswer.Refused
        : GoneFrom is { } gone && delivery >= gone ? ConsumerAnswer.Gone
        : delivery <= Fail ? ConsumerAnswer.Failure
        : delivery <= Fail + Timeout ? ConsumerAnswer.NoAnswer
        : delivery <= Fail + Timeout + Reset ? ConsumerAnswer.ConnectionReset
        : ConsumerAnswer.Success;
}

public enum ConsumerAnswer
{
    Success,
    Failure,
    NoAnswer,
    ConnectionReset,
    Gone,

    /// <summary>400: the receiver does not handle the event's type.</summary>
    Refused,
}
