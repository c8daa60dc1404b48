namespace VideoVault.Events.Delivery;

/// <summary>What one POST to a receiver came to.</summary>
/// <param name="Status">The HTTP status, or null when no answer came.</param>
/// <param name="Error">Why it is not a delivery, short and safe to show the caller; null for a 2xx.</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c>, when it sent one.</param>
/// <param name="Permanent">Trying again cannot help: the URL is refused by the outbound guard.</param>
internal sealed record WebhookAttemptResult(int? Status, string? Error, TimeSpan Duration, TimeSpan? RetryAfter, bool Permanent)
{
    public bool Delivered => Status is >= 200 and < 300;

    public bool Gone => Status == 410;
}
