using Microsoft.Extensions.Logging;

namespace VideoVault.Archiving;

/// <summary>
/// Copies a video's cover or thumbnail beside it, through the same guards as the video (SSRF policy, size cap,
/// sniffing), within <see cref="ArchiveOptions.PosterTimeout"/>. A poster is a nicety: whatever goes wrong, the video
/// is kept without one.
/// </summary>
internal sealed partial class PosterArchiver(VideoDownloader downloader, IVideoBlobStore blobs, ArchiveOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <returns>The poster's blob name, or null when it could not be copied.</returns>
    public async Task<string?> TryArchiveAsync(string taskId, PosterSource source, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.PosterTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var download = await downloader.OpenAsync(source.Url, linked.Token, MediaKind.Image).ConfigureAwait(false);
            var blobName = $"{source.BlobStem}.{ImageSniffer.Extension(download.ContentType)}";
            var upload = new VideoUploadOptions { ContentType = download.ContentType, BlockSize = options.BlockSize, MaxConcurrency = 1 };
            await blobs.UploadAsync(blobName, download.Content, upload, linked.Token).ConfigureAwait(false);
            Log.Archived(logger, taskId, download.ContentType, blobName);
            return blobName;
        }
        catch (Exception exception) when (ArchiveFailureClassifier.Classify(exception) is { } failure)
        {
            // Expected failures (a broken link, an HTML page, a slow host, the copy's time used up) say why in one line.
            Log.Skipped(logger, taskId, failure.Reason);
            return null;
        }
        catch (Exception exception)
        {
            Log.Failed(logger, taskId, exception);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId}: poster ({ContentType}) kept as {BlobName}")]
        public static partial void Archived(ILogger logger, string taskId, string contentType, string blobName);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: the video is kept without its poster: {Reason}")]
        public static partial void Skipped(ILogger logger, string taskId, string? reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Task {TaskId}: the video is kept without its poster, which failed unexpectedly")]
        public static partial void Failed(ILogger logger, string taskId, Exception exception);
    }
}
