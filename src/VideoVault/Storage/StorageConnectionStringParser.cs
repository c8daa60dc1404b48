namespace VideoVault.Storage;

/// <summary>Reads Azure Storage connection strings: development storage, account key, explicit endpoints.</summary>
internal static class StorageConnectionStringParser
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known Azurite / storage emulator key; public by design, not a secret.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static StorageConnection Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException("The storage connection string is empty.");
        }

        var settings = ReadSettings(connectionString);
        if (settings.TryGetValue("UseDevelopmentStorage", out var development)
            && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            return Development(settings);
        }

        var accountName = Required(settings, "AccountName");
        var key = new StorageSharedKeyCredential(accountName, Required(settings, "AccountKey"));
        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return StorageConnection.WithSharedKey(
            Endpoint(settings, "BlobEndpoint", $"{protocol}://{accountName}.blob.{suffix}"),
            Endpoint(settings, "QueueEndpoint", $"{protocol}://{accountName}.queue.{suffix}"),
            Endpoint(settings, "TableEndpoint", $"{protocol}://{accountName}.table.{suffix}"),
            key);
    }

    private static StorageConnection Development(Dictionary<string, string> settings)
    {
        var proxy = settings.GetValueOrDefault("DevelopmentStorageProxyUri", "http://127.0.0.1").TrimEnd('/');
        var key = new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey);
        return StorageConnection.WithSharedKey(
            Endpoint(settings, "BlobEndpoint", $"{proxy}:10000/{DevelopmentAccountName}"),
            Endpoint(settings, "QueueEndpoint", $"{proxy}:10001/{DevelopmentAccountName}"),
            Endpoint(settings, "TableEndpoint", $"{proxy}:10002/{DevelopmentAccountName}"),
            key);
    }

    private static Dictionary<string, string> ReadSettings(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split on the first '=' only: base64 keys end in '='.
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The storage connection string has a setting without a name and '='.");
            }

            var name = part[..equals].Trim();
            if (!settings.TryAdd(name, part[(equals + 1)..].Trim()))
            {
                throw new FormatException($"The storage connection string sets '{name}' twice.");
            }
        }

        return settings;
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The storage connection string has no '{name}'.");

    private static Uri Endpoint(Dictionary<string, string> settings, string name, string fallback)
    {
        var text = settings.GetValueOrDefault(name, fallback);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new FormatException($"The storage connection string's '{name}' is not an absolute http(s) URI.");
    }
}
