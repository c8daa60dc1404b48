namespace VideoVault.PiApi;

/// <summary>A task's <c>config</c>: sent on create, echoed back in the task object.</summary>
internal sealed record PiApiTaskConfig
{
    public string? ServiceMode { get; init; }

    public PiApiWebhookConfig? WebhookConfig { get; init; }
}
