using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;

namespace VideoVault.DevHost.Queues;

/// <summary>The queue-trigger settings of host.json (<c>extensions.queues</c>), with the Functions host's defaults.</summary>
public sealed record QueueTriggerSettings
{
    public int BatchSize { get; init; } = 16;

    public int MaxDequeueCount { get; init; } = 5;

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How message text is read and written: <c>base64</c> (the host's default) or <c>none</c>.</summary>
    public QueueMessageEncoding MessageEncoding { get; init; } = QueueMessageEncoding.Base64;

    public static QueueTriggerSettings Load(string hostJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var defaults = new QueueTriggerSettings();
        if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
        {
            return defaults;
        }

        return new QueueTriggerSettings
        {
            BatchSize = queues.TryGetProperty("batchSize", out var batch) ? batch.GetInt32() : defaults.BatchSize,
            MaxDequeueCount = queues.TryGetProperty("maxDequeueCount", out var dequeue) ? dequeue.GetInt32() : defaults.MaxDequeueCount,
            VisibilityTimeout = queues.TryGetProperty("visibilityTimeout", out var visibility) ? Span(visibility) : defaults.VisibilityTimeout,
            MaxPollingInterval = queues.TryGetProperty("maxPollingInterval", out var polling) ? Span(polling) : defaults.MaxPollingInterval,
            MessageEncoding = queues.TryGetProperty("messageEncoding", out var encoding) ? Encoding(encoding) : defaults.MessageEncoding,
        };
    }

    /// <summary>The root host.json, found by walking up from <paramref name="start"/>.</summary>
    public static string FindHostJson(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "host.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No host.json found in {start} or any folder above it.");
    }

    /// <summary>The host's two values, compared as it compares them (ignoring case); anything else is refused, not guessed.</summary>
    private static QueueMessageEncoding Encoding(JsonElement element) => element.GetString()?.ToLowerInvariant() switch
    {
        "base64" => QueueMessageEncoding.Base64,
        "none" => QueueMessageEncoding.None,
        var other => throw new InvalidDataException($"host.json extensions.queues.messageEncoding '{other}' is neither base64 nor none."),
    };

    private static TimeSpan Span(JsonElement element) => TimeSpan.Parse(element.GetString()!, CultureInfo.InvariantCulture);
}
