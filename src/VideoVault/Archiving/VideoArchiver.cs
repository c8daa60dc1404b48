using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Outbound;

namespace VideoVault.Archiving;

/// <summary>
/// Streams a video from its source URL into a block blob: guarded download (SSRF policy, redirects,
/// size cap, idle timeout, sniffing) piped straight into the upload, never buffered whole.
/// </summary>
internal sealed partial class VideoArchiver : IVideoArchiver
{
    /// <summary>The named HttpClient for video hosts, separate from the PiAPI client so no API key can leak.</summary>
    public const string HttpClientName = "video-download";

    private readonly IVideoBlobStore _videos;
    private readonly ArchiveOptions _options;
    private readonly ILogger<VideoArchiver> _logger;
    private readonly VideoDownloader _downloader;
    private readonly PosterArchiver _posters;

    public VideoArchiver(
        IHttpClientFactory httpClientFactory,
        IVideoBlobStore videos,
        IOptions<ArchiveOptions> options,
        TimeProvider timeProvider,
        ILogger<VideoArchiver> logger)
    {
        _videos = videos;
        _options = options.Value;
        _logger = logger;
        _downloader = new VideoDownloader(httpClientFactory, new OutboundAddressPolicy(_options.AllowedHosts), _options, timeProvider, logger);
        _posters = new PosterArchiver(_downloader, videos, _options, timeProvider, logger);
    }

    public async Task<ArchiveOutcome> ArchiveAsync(ArchiveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TaskId);
        ArgumentNullException.ThrowIfNull(request.SourceUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.BlobName);

        Log.Archiving(_logger, request.TaskId, LoggableUrl.HostAndPath(request.SourceUrl), request.BlobName);
        try
        {
            using var download = await _downloader.OpenAsync(request.SourceUrl, cancellationToken).ConfigureAwait(false);
            if (download.DeclaredLength > request.HandOverAbove)
            {
                return ArchiveOutcome.TooLargeToCopyInline(download.DeclaredLength.Value, request.HandOverAbove.Value);
            }

            var uploadOptions = new VideoUploadOptions
            {
                ContentType = download.ContentType,
                BlockSize = _options.BlockSize,
                MaxConcurrency = _options.MaxConcurrency,
            };
            var upload = await _videos.UploadAsync(request.BlobName, download.Content, uploadOptions, cancellationToken).ConfigureAwait(false);
            Log.Archived(_logger, request.TaskId, upload.Length, download.ContentType, request.BlobName);
            var poster = request.Poster is { } source ? await _posters.TryArchiveAsync(request.TaskId, source, cancellationToken).ConfigureAwait(false) : null;
            return ArchiveOutcome.Archived(upload, poster);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            // Whatever a cancelled transfer breaks with (a reset connection, an aborted upload), the caller asked for it.
            throw new OperationCanceledException("Archiving was cancelled.", exception, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && ArchiveFailureClassifier.Classify(exception) is { } failure)
        {
            // An outcome the caller handles (a retry, or the task failed with the reason): one line, no stack
            // trace. What the classifier does not know is a bug and propagates with its stack trace.
            Log.Failed(_logger, request.TaskId, failure.Kind, failure.Reason);
            return failure;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Archiving task {TaskId} from {SourceHostAndPath} into {BlobName}")]
        public static partial void Archiving(ILogger logger, string taskId, string sourceHostAndPath, string blobName);

        [LoggerMessage(Level = LogLevel.Information, Message = "Archived task {TaskId}: {Length} bytes of {ContentType} in {BlobName}")]
        public static partial void Archived(ILogger logger, string taskId, long length, string contentType, string blobName);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Archiving task {TaskId} failed ({Kind}): {Reason}")]
        public static partial void Failed(ILogger logger, string taskId, ArchiveOutcomeKind kind, string? reason);
    }
}
