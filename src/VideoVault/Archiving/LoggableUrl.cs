namespace VideoVault.Archiving;

/// <summary>What of a URL may be logged: host and path. Query strings of CDN URLs carry access tokens.</summary>
internal static class LoggableUrl
{
    public static string HostAndPath(Uri url) =>
        url.IsAbsoluteUri ? url.Host + url.AbsolutePath : "(relative URL)";
}
