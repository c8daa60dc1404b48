namespace VideoVault.Inbound;

internal enum WebhookVerification
{
    Verified,
    MissingSecret,
    MalformedSecret,
    UnknownKey,
    Mismatch,
}
