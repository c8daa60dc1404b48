using System.Globalization;

namespace VideoVault.PiApiSimulator.Json;

/// <summary>Timestamps in the form PiAPI (a Go service) prints them: RFC 3339 with up to nine fraction digits, trailing zeros dropped.</summary>
internal static class GoTime
{
    /// <summary>Go's zero time, which PiAPI sends for times not reached yet.</summary>
    public const string Zero = "0001-01-01T00:00:00Z";

    public static string Format(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;

        // TimeProvider resolves 100 ns; the two extra digits give clients the 8-9 digit fractions PiAPI really sends.
        var nanoseconds = (utc.Ticks % TimeSpan.TicksPerSecond * 100) + Random.Shared.Next(100);
        var seconds = utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        return nanoseconds == 0
            ? seconds + "Z"
            : seconds + "." + nanoseconds.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }
}
