namespace VideoVault.Archiving;

/// <summary>
/// The response body as the upload reads it, with the download's limits enforced on every read:
/// the size cap (an endless body stops at cap + 1 bytes), the idle timeout, and truncation.
/// </summary>
internal sealed class GuardedDownloadStream(
    Stream body,
    long? declaredLength,
    long maxBytes,
    TimeSpan idleTimeout,
    TimeProvider timeProvider) : AsyncReadOnlyStream
{
    private long _received;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        // Ask for at most one byte past the cap: enough to know the cap is exceeded, never more.
        var wanted = (int)Math.Min(buffer.Length, maxBytes + 1 - _received);
        int read;
        using (var idle = new CancellationTokenSource(idleTimeout, timeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token))
        {
            try
            {
                read = await body.ReadAsync(buffer[..wanted], linked.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw ArchiveFailureException.Transient(
                    $"The video host sent nothing for {idleTimeout.TotalSeconds:0.###} s after {_received} bytes.", exception);
            }
            catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw ArchiveFailureException.Transient($"The download broke off after {_received} bytes.", exception);
            }
        }

        _received += read;
        if (_received > maxBytes)
        {
            throw ArchiveFailureException.Permanent($"The video is larger than the {maxBytes}-byte cap.");
        }

        if (read == 0 && _received < declaredLength)
        {
            throw ArchiveFailureException.Transient($"The download ended after {_received} of {declaredLength} bytes.");
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
        }

        base.Dispose(disposing);
    }
}
