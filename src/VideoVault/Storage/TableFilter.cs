using System.Globalization;

namespace VideoVault.Storage;

/// <summary>Builds OData filter literals so values can never break out of their quotes.</summary>
public static class TableFilter
{
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string DateTime(DateTimeOffset value) =>
        "datetime'" + value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture) + "'";

    public static string Equal(string property, string value) => $"{property} eq {Quote(value)}";
}
