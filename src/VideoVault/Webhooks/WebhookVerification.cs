namespace VideoVault.Webhooks;

public enum WebhookVerification
{
    Verified,
    MissingSecret,
    MalformedSecret,
    UnknownKey,
    Mismatch,
}
