namespace VideoVault.Outbound;

/// <summary>
/// Wraps the guarded clients' socket handler. Their hosts are third parties: whatever client-wide
/// defaults or handlers someone configures (for example for the PiAPI client), no credential reaches them.
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
