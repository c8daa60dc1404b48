using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>
/// Counts the storage requests the Azure SDKs send from this process (Azure.Core's <c>Request</c> event,
/// one per try, retries included), by the operation they are, while <see cref="IsCounting"/>.
/// </summary>
internal sealed class StorageRequestCounter(Uri tableEndpoint, Uri queueEndpoint, Uri blobEndpoint, string eventsQueue) : EventListener
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public bool IsCounting { get; set; }

    /// <summary>The counts so far, and starts again from zero.</summary>
    public Dictionary<string, int> Take()
    {
        var counts = _counts.ToDictionary(StringComparer.Ordinal);
        _counts.Clear();
        return counts;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!IsCounting || eventData.EventName != "Request" || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var method = eventData.Payload![names.IndexOf("method")] as string;
        if (eventData.Payload[names.IndexOf("uri")] is string uri && method is not null)
        {
            _counts.AddOrUpdate(Classify(method, new Uri(uri)), 1, (_, count) => count + 1);
        }
    }

    private string Classify(string method, Uri uri)
    {
        var path = uri.AbsolutePath;
        if (uri.Port == tableEndpoint.Port)
        {
            return path.EndsWith("$batch", StringComparison.Ordinal) ? "table transaction"
                : method == "GET" && path.Contains("(PartitionKey=", StringComparison.Ordinal) ? "table get"
                : method == "GET" ? "table query"
                : $"table {method}";
        }

        if (uri.Port == queueEndpoint.Port)
        {
            var queue = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "?";
            var kind = queue == eventsQueue ? "events queue" : "work queue";
            return path.EndsWith("/messages", StringComparison.Ordinal) || path.Contains("/messages/", StringComparison.Ordinal)
                ? $"{kind} {method switch { "POST" => "send", "GET" => "receive", "DELETE" => "delete", _ => method }}"
                : method == "GET" && uri.Query.Contains("comp=metadata", StringComparison.Ordinal) ? $"{kind} properties"
                : $"{kind} {method}";
        }

        return uri.Port == blobEndpoint.Port ? $"blob {method}" : $"other {method}";
    }
}
