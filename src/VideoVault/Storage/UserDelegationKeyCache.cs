using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace VideoVault.Storage;

/// <summary>
/// Asks Blob Storage for a user delegation key and reuses it while it outlives the SAS being signed,
/// so reading a task does not cost an extra round trip each time.
/// </summary>
internal sealed class UserDelegationKeyCache(BlobServiceClient service, TimeProvider timeProvider)
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(6);

    /// <summary>Clocks differ: a key that starts a little in the past is valid at once everywhere.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserDelegationKey? _current;

    public async Task<UserDelegationKey> GetAsync(DateTimeOffset neededUntil, CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.SignedExpiresOn >= neededUntil)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fresh && fresh.SignedExpiresOn >= neededUntil)
            {
                return fresh;
            }

            var now = timeProvider.GetUtcNow();
            var expiry = neededUntil - now > KeyLifetime ? neededUntil : now + KeyLifetime;
            var response = await service.GetUserDelegationKeyAsync(new BlobGetUserDelegationKeyOptions(expiry) { StartsOn = now - ClockSkew }, cancellationToken).ConfigureAwait(false);
            _current = response.Value;
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }
}
