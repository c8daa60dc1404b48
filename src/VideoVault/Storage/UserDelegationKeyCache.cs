using System.Text;
using System.Xml.Linq;
using Azure.Core;

namespace VideoVault.Storage;

/// <summary>
/// Asks Blob Storage for a user delegation key and reuses it while it outlives the SAS being signed,
/// so reading a task does not cost an extra round trip each time.
/// </summary>
internal sealed class UserDelegationKeyCache(StorageServiceClient client, TimeProvider timeProvider)
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(6);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserDelegationKey? _current;

    public async Task<UserDelegationKey> GetAsync(DateTimeOffset neededUntil, CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.ExpiresOn >= neededUntil)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } fresh && fresh.ExpiresOn >= neededUntil)
            {
                return fresh;
            }

            var now = timeProvider.GetUtcNow();
            var expiry = now + (neededUntil - now > KeyLifetime ? neededUntil - now : KeyLifetime);
            _current = await RequestAsync(now.AddMinutes(-5), expiry, cancellationToken).ConfigureAwait(false);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<UserDelegationKey> RequestAsync(DateTimeOffset start, DateTimeOffset expiry, CancellationToken cancellationToken)
    {
        using var message = client.CreateMessage(RequestMethod.Post, string.Empty);
        message.Request.Uri.AppendPath("/", escape: false);
        message.Request.Uri.AppendQuery("restype", "service");
        message.Request.Uri.AppendQuery("comp", "userdelegationkey");
        var body = new XElement("KeyInfo", new XElement("Start", BlobSasBuilder.Format(start)), new XElement("Expiry", BlobSasBuilder.Format(expiry)));
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToString(SaveOptions.DisableFormatting)));
        var response = await client.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        var key = StorageXml.Read(response);
        string Value(string name) => key.Element(name)?.Value ?? throw new InvalidOperationException($"The user delegation key has no {name}.");
        return new UserDelegationKey(Value("SignedOid"), Value("SignedTid"), Value("SignedStart"), Value("SignedExpiry"), Value("SignedService"), Value("SignedVersion"), Value("Value"));
    }
}
