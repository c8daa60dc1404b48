using Microsoft.AspNetCore.Builder;

namespace VideoVault.Benchmarks.Infrastructure;

internal sealed class DevHostHandle(WebApplication host, Uri baseUri) : IAsyncDisposable
{
    public Uri BaseUri { get; } = baseUri;

    public IServiceProvider Services => host.Services;

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        await host.DisposeAsync();
    }
}
