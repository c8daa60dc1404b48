namespace VideoVault.Budgets;

/// <summary>Dollars as whole millionths, the unit the spend counters and task rows store (Table Storage has no decimal).</summary>
internal static class SpendUnits
{
    private const decimal PerUsd = 1_000_000m;

    public static long ToMicroUsd(decimal usd) => (long)decimal.Round(usd * PerUsd, MidpointRounding.AwayFromZero);

    public static decimal FromMicroUsd(long micro) => micro / PerUsd;

    /// <summary>The counter key of a UTC day.</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The wait until the next UTC midnight, when the daily limits start again.</summary>
    public static TimeSpan UntilNextDay(DateTimeOffset now) => now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime;
}
