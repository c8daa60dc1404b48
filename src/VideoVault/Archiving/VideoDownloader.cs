using System.Net;
using Microsoft.Extensions.Logging;
using VideoVault.Outbound;

namespace VideoVault.Archiving;

/// <summary>
/// Opens the video: checks every URL (first and redirected) against the policy, classifies the answer,
/// and sniffs the first bytes, so nothing is uploaded until the body is known to be a video.
/// </summary>
internal sealed partial class VideoDownloader(
    IHttpClientFactory httpClientFactory,
    OutboundAddressPolicy policy,
    ArchiveOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    public async Task<VideoDownload> OpenAsync(Uri sourceUrl, CancellationToken cancellationToken, MediaKind kind = MediaKind.Video)
    {
        var response = await GetFollowingRedirectsAsync(sourceUrl, cancellationToken).ConfigureAwait(false);
        Stream? body = null;
        var maxBytes = kind == MediaKind.Video ? options.MaxVideoBytes : options.MaxPosterBytes;
        try
        {
            EnsureMediaResponse(response, maxBytes);
            body = new GuardedDownloadStream(
                await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                response.Content.Headers.ContentLength,
                maxBytes,
                options.IdleTimeout,
                timeProvider);
            var head = new byte[kind == MediaKind.Video ? VideoSniffer.HeadLength : ImageSniffer.HeadLength];
            var read = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var contentType = kind == MediaKind.Video
                ? VideoSniffer.DetectContentType(head.AsSpan(0, read)) ?? throw ArchiveFailureException.Permanent("The video URL did not serve an MP4 or WebM video.")
                : ImageSniffer.DetectContentType(head.AsSpan(0, read)) ?? throw ArchiveFailureException.Permanent("The poster URL did not serve a JPEG, PNG, WebP or GIF image.");
            return new VideoDownload(response, new PrefixedStream(head.AsMemory(0, read), body), contentType);
        }
        catch
        {
            body?.Dispose();
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> GetFollowingRedirectsAsync(Uri url, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            if (policy.IsRefused(url, out var reason))
            {
                throw ArchiveFailureException.Permanent(reason);
            }

            var response = await GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode))
            {
                return response;
            }

            using (response)
            {
                if (redirects == options.MaxRedirects)
                {
                    throw ArchiveFailureException.Permanent($"The video URL redirected more than {options.MaxRedirects} times.");
                }

                var location = response.Headers.Location
                    ?? throw ArchiveFailureException.Permanent("The video host redirected without a Location.");
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                Log.Redirected(logger, (int)response.StatusCode, LoggableUrl.HostAndPath(url));
            }
        }
    }

    private async Task<HttpResponseMessage> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        // A fresh request with no credentials: the video host is a third party.
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var idle = new CancellationTokenSource(options.IdleTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            return await httpClientFactory.CreateClient(VideoArchiver.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw ArchiveFailureException.Transient(
                $"The video host did not answer within {options.IdleTimeout.TotalSeconds:0.###} s.", exception);
        }
    }

    private static void EnsureMediaResponse(HttpResponseMessage response, long maxBytes)
    {
        var status = (int)response.StatusCode;
        if (status is >= 500 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests)
        {
            throw ArchiveFailureException.Transient($"The video host answered {status}.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw ArchiveFailureException.Permanent($"The video host answered {status}.");
        }

        var headers = response.Content.Headers;
        if (headers.ContentLength > maxBytes)
        {
            throw ArchiveFailureException.Permanent(
                $"The body is {headers.ContentLength} bytes, more than the {maxBytes}-byte cap.");
        }

        if (VideoSniffer.IsDeclaredNonVideo(headers.ContentType))
        {
            throw ArchiveFailureException.Permanent($"The video URL served {headers.ContentType?.MediaType}, not a video.");
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
        or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Video host redirected ({Status}) to {HostAndPath}")]
        public static partial void Redirected(ILogger logger, int status, string hostAndPath);
    }
}
