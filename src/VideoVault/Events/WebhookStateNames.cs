using VideoVault.Tasks;

namespace VideoVault.Events;

/// <summary>The snake_case names of <see cref="WebhookDeliveryState"/>, as stored and shown in the API.</summary>
internal static class WebhookStateNames
{
    public static string ToName(WebhookDeliveryState state) => state switch
    {
        WebhookDeliveryState.NotSubscribed => "not_subscribed",
        WebhookDeliveryState.Pending => "pending",
        WebhookDeliveryState.Delivered => "delivered",
        WebhookDeliveryState.Failed => "failed",
        WebhookDeliveryState.Gone => "gone",
        WebhookDeliveryState.Skipped => "skipped",
        WebhookDeliveryState.Paused => "paused",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static WebhookDeliveryState Parse(string name) =>
        ByName.TryGetValue(name, out var state) ? state : throw new FormatException($"'{name}' is not a webhook delivery state.");

    private static readonly Dictionary<string, WebhookDeliveryState> ByName =
        Enum.GetValues<WebhookDeliveryState>().ToDictionary(ToName, StringComparer.Ordinal);
}
