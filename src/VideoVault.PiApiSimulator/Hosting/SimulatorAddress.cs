using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace VideoVault.PiApiSimulator.Hosting;

/// <summary>The base URL the simulator hands out in video links: <c>PublicBaseUrl</c>, else the server's own bound address.</summary>
public sealed class SimulatorAddress(IServer server, IOptions<SimulatorOptions> options)
{
    /// <summary>Base URL ending with <c>/</c>.</summary>
    /// <exception cref="InvalidOperationException">No <c>PublicBaseUrl</c> is set and the server is not listening yet.</exception>
    public Uri BaseUri => options.Value.PublicBaseUrl is { } configured ? WithTrailingSlash(new Uri(configured)) : BoundAddress();

    /// <summary>Where the simulator serves a task's video.</summary>
    public Uri VideoUrl(string taskId) => new(BaseUri, $"files/{Uri.EscapeDataString(taskId)}.mp4");

    /// <summary>Where the simulator serves a task's second video (legacy Kling's second work).</summary>
    public Uri SecondVideoUrl(string taskId) => VideoUrl(taskId + Ledger.SimulatorLedger.SecondVideoSuffix);

    /// <summary>Where the simulator serves a task's cover image (a PNG).</summary>
    public Uri CoverUrl(string taskId) => new(BaseUri, $"files/{Uri.EscapeDataString(taskId)}.png");

    /// <summary>Where the simulator serves a task's preview image.</summary>
    public Uri PreviewUrl(string taskId) => new(BaseUri, $"files/{Uri.EscapeDataString(taskId)}.webp");

    private Uri BoundAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The simulator is not listening yet; start it or set Simulator:PublicBaseUrl.");

        var builder = new UriBuilder(first);

        // A wildcard binding is reachable on loopback, the only place callers of this simulator live.
        if (IPAddress.TryParse(builder.Host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            builder.Host = IPAddress.Loopback.ToString();
        }

        return WithTrailingSlash(builder.Uri);
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
}
