namespace VideoVault.Views;

/// <summary>What PiAPI's webhook gets back.</summary>
internal sealed record WebhookAck(string Status);
