using System.Collections.Concurrent;
using VideoVault.Storage;

namespace VideoVault.Archiving;

/// <summary>Creates each container once per process instead of once per video.</summary>
internal sealed class ContainerCreator(IBlobStore blobStore)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _creations = new(StringComparer.Ordinal);

    public async Task EnsureCreatedAsync(string container, CancellationToken cancellationToken)
    {
        // Shared by concurrent archives, so no single caller's cancellation may cancel it; each caller stops waiting instead.
        var creation = _creations.GetOrAdd(container, name => new Lazy<Task>(() => CreateAsync(name)));
        try
        {
            await creation.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (creation.Value.IsFaulted || creation.Value.IsCanceled)
        {
            // Forget a failed creation so that the next archive tries again.
            _creations.TryRemove(new KeyValuePair<string, Lazy<Task>>(container, creation));
            throw;
        }
    }

    // Async so that even an exception thrown before the first await ends up in the task, not in the Lazy.
    private async Task CreateAsync(string container) =>
        await blobStore.CreateContainerIfNotExistsAsync(container, CancellationToken.None).ConfigureAwait(false);
}
