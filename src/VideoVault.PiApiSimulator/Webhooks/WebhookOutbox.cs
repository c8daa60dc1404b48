using System.Threading.Channels;
using VideoVault.PiApiSimulator.Tasks;

namespace VideoVault.PiApiSimulator.Webhooks;

/// <summary>
/// Sends one task's webhooks in the order they were published, on its own loop, so a slow or failing receiver
/// (or <c>webhookdelay</c>) never holds back the task's lifecycle — as with the real PiAPI, GET can show a
/// state before its webhook arrives.
/// </summary>
internal sealed class WebhookOutbox
{
    private readonly Channel<PiTask> pending = Channel.CreateUnbounded<PiTask>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task pump;

    public WebhookOutbox(SimulatedTask task, WebhookSender sender, CancellationToken cancellationToken)
    {
        var enabled = !task.Entry.Faults.NoWebhooks && !string.IsNullOrEmpty(task.Webhook.Endpoint);
        pump = enabled ? PumpAsync(task, sender, cancellationToken) : Task.CompletedTask;
        if (!enabled)
        {
            pending.Writer.Complete();
        }
    }

    /// <summary>Queues a webhook carrying <paramref name="snapshot"/>; ignored when webhooks are off for the task.</summary>
    public void Publish(PiTask snapshot) => pending.Writer.TryWrite(snapshot);

    /// <summary>Waits until every published webhook was delivered or given up.</summary>
    public Task DrainAsync()
    {
        pending.Writer.TryComplete();
        return pump;
    }

    private async Task PumpAsync(SimulatedTask task, WebhookSender sender, CancellationToken cancellationToken)
    {
        var copies = task.Entry.Faults.DuplicateWebhooks ? 2 : 1;
        await foreach (var snapshot in pending.Reader.ReadAllAsync(cancellationToken))
        {
            for (var copy = 0; copy < copies; copy++)
            {
                await sender.DeliverAsync(task.Entry, task.Webhook, snapshot, cancellationToken);
            }
        }
    }
}
