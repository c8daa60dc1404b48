namespace VideoVault.Archiving;

/// <summary>
/// Wraps the download client's socket handler. The video host is a third party: whatever client-wide
/// defaults or handlers someone configures (for example for the PiAPI client), no credential reaches it.
/// </summary>
internal sealed class CredentialHeaderStrippingHandler(HttpMessageHandler innerHandler) : DelegatingHandler(innerHandler)
{
    private static readonly string[] CredentialHeaders = ["Authorization", "Proxy-Authorization", "X-API-Key", "Cookie"];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var header in CredentialHeaders)
        {
            request.Headers.Remove(header);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
