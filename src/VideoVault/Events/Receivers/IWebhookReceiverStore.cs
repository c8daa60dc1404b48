namespace VideoVault.Events.Receivers;

/// <summary>The receiver records, one per normalised URL, apart from the tasks: kept and listed without a scan of the task table.</summary>
internal interface IWebhookReceiverStore
{
    Task<WebhookReceiver?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Inserts the receiver when it has no <see cref="WebhookReceiver.ETag"/>, else replaces it if it is still at that ETag.</summary>
    /// <returns>The receiver as written, or null when someone else wrote it first.</returns>
    Task<WebhookReceiver?> TryWriteAsync(WebhookReceiver receiver, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookReceiver>> ListAsync(CancellationToken cancellationToken);
}
