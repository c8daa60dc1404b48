namespace VideoVault.Outbound;

/// <summary>
/// The SSRF guard refused a connection (the host resolves only to, or reached, a non-public address). Thrown from
/// the connect step, inside the HttpClient's own exception, so each caller can tell a refusal from a network failure.
/// </summary>
internal sealed class OutboundRefusedException(string reason) : Exception(reason);
