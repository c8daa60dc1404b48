namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>Asks whether a service answers HTTP at all; any status counts, only a connection failure does not.</summary>
internal sealed class ReadinessProbe : IDisposable
{
    private readonly HttpClient _client;

    private ReadinessProbe(HttpClient client) => _client = client;

    public static ReadinessProbe Create()
    {
        var handler = new SocketsHttpHandler
        {
            // Only liveness is probed here, so any certificate will do; the tests themselves pin theirs.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            PooledConnectionLifetime = TimeSpan.Zero,
        };
        return new ReadinessProbe(new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) });
    }

    public async Task<bool> AnswersAsync(Uri endpoint)
    {
        try
        {
            using var response = await _client.GetAsync(endpoint).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
