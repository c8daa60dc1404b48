namespace VideoVault.Inbound;

public enum WebhookVerification
{
    Verified,
    MissingSecret,
    MalformedSecret,
    UnknownKey,
    Mismatch,
}
