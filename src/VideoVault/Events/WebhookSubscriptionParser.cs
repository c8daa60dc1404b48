using System.Net;
using System.Text.Json;
using VideoVault.Outbound;
using VideoVault.Tasks;

namespace VideoVault.Events;

/// <summary>
/// Reads the optional <c>webhook</c> object of a submit body: <c>{"url": "https://…", "events": [...]}</c>.
/// A URL that delivery would refuse anyway is refused here, naming the field, so a caller learns at once.
/// </summary>
internal static class WebhookSubscriptionParser
{
    public const int MaxUrlLength = 2048;
    public const string Field = "webhook";

    /// <param name="allowedHosts">Hosts that may use http and private addresses (dev and tests); null for none.</param>
    public static WebhookSubscription? Parse(JsonElement root, IReadOnlyCollection<string>? allowedHosts, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty(Field, out var webhook) || webhook.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (webhook.ValueKind != JsonValueKind.Object)
        {
            errors[Field] = ["Must be an object: {\"url\": \"https://…\", \"events\": [...]}."];
            return null;
        }

        var url = Url(webhook, new OutboundAddressPolicy(allowedHosts ?? []), errors);
        var events = Events(webhook, errors);
        return url is null || errors.ContainsKey($"{Field}.events") ? null : new WebhookSubscription(url, events);
    }

    private static Uri? Url(JsonElement webhook, OutboundAddressPolicy policy, Dictionary<string, string[]> errors)
    {
        const string path = Field + ".url";
        if (!webhook.TryGetProperty("url", out var element) || element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            errors[path] = ["Required: the absolute https URL that receives the events."];
            return null;
        }

        var text = element.GetString()!.Trim();
        Uri? url = null;
        var problem = text.Length > MaxUrlLength ? $"At most {MaxUrlLength} characters."
            : !Uri.TryCreate(text, UriKind.Absolute, out url) ? "Must be an absolute https URL."
            : Refusal(url, policy);
        if (problem is not null)
        {
            errors[path] = [problem];
            return null;
        }

        return url;
    }

    private static string? Refusal(Uri url, OutboundAddressPolicy policy)
    {
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            return "Must be an https URL.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "Must not carry credentials (user:password@); a receiver checks the signature instead.";
        }

        if (!string.IsNullOrEmpty(url.Fragment))
        {
            return "Must not have a fragment (#…): it is never sent.";
        }

        var host = url.IdnHost;
        if (url.Scheme == Uri.UriSchemeHttp && !policy.IsAllowListed(host))
        {
            return "Must be https.";
        }

        return url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(host.Trim('[', ']'), out var address)
            && !policy.IsPermitted(host, address)
            ? "Must not point at a loopback, private, link-local or otherwise non-public address."
            : null;
    }

    private static IReadOnlyList<string>? Events(JsonElement webhook, Dictionary<string, string[]> errors)
    {
        const string path = Field + ".events";
        if (!webhook.TryGetProperty("events", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var known = string.Join(", ", TaskEventTypes.All);
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            errors[path] = [$"Must be a non-empty array of event types ({known}); leave it out for all."];
            return null;
        }

        var types = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !TaskEventTypes.All.Contains(item.GetString(), StringComparer.Ordinal))
            {
                errors[path] = [$"Unknown event type {item.GetRawText()}; known: {known}."];
                return null;
            }

            if (!types.Contains(item.GetString()!, StringComparer.Ordinal))
            {
                types.Add(item.GetString()!);
            }
        }

        // Stored in the declared order, so the same set always compares and fingerprints the same.
        return [.. TaskEventTypes.All.Where(types.Contains)];
    }
}
