namespace VideoVault.Tasks;

/// <summary>Where a task's events go, and which ones; given at submit, stored on the task.</summary>
/// <param name="Events">The event types wanted; null for all of them.</param>
internal sealed record WebhookSubscription(Uri Url, IReadOnlyList<string>? Events)
{
    public bool Wants(string type) => Events is null || Events.Contains(type, StringComparer.Ordinal);
}
