namespace VideoVault.PiApiSimulator.Hosting;

/// <summary>Implements the <c>stall</c> fault: keeps a response open, sending nothing, until the client gives up.</summary>
internal sealed class StalledConnection(IHostApplicationLifetime lifetime, TimeProvider timeProvider)
{
    /// <summary>Waits until the client goes away or the simulator stops (so a stall never blocks shutdown).</summary>
    public async Task HoldAsync(CancellationToken requestAborted)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, either.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected: the point was to hold the connection until now.
        }
    }
}
