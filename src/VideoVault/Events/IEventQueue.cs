namespace VideoVault.Events;

/// <summary>The queue other apps consume events from: one CloudEvents JSON message per event.</summary>
internal interface IEventQueue
{
    Task PublishAsync(string cloudEventJson, CancellationToken cancellationToken);
}
