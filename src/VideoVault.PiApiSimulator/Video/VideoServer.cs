using System.IO.Pipelines;
using VideoVault.PiApiSimulator.Faults;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// Serves <c>GET|HEAD /files/{task_id}.mp4</c>: the task's playable video (see <see cref="VideoGenerator"/>), generated
/// straight into the response pipe (constant memory at any size), with the task's video faults applied.
/// </summary>
internal sealed partial class VideoServer(
    SimulatorLedger ledger,
    StalledConnection stall,
    TimeProvider timeProvider,
    ILogger<VideoServer> logger)
{
    private const string HtmlErrorPage =
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
        + "<body><h1>502 Bad Gateway</h1><p>The origin did not answer in time. Please try again later.</p></body></html>\n";

    /// <summary>A 1x1 lossless WebP, the preview image linked from chat streams.</summary>
    private static readonly byte[] PreviewImage = Convert.FromBase64String("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/files/{taskId}.mp4", [HttpMethods.Get, HttpMethods.Head], (string taskId, HttpContext context, VideoServer server) => server.ServeVideoAsync(taskId, context));
        routes.MapMethods("/files/{taskId}.webp", [HttpMethods.Get, HttpMethods.Head], (string taskId, HttpContext context, VideoServer server) => server.ServePreviewAsync(taskId, context));
    }

    public async Task ServeVideoAsync(string taskId, HttpContext context)
    {
        var response = context.Response;
        // A task cancelled while pending never made a video.
        if (ledger.FindVideoOwner(taskId) is not { CancelledAt: null } entry)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var faults = entry.Faults;
        var isHead = HttpMethods.IsHead(context.Request.Method);
        if (!isHead && entry.RecordVideoRequest() < faults.VideoFailureCount)
        {
            Log.FailedOnPurpose(logger, taskId, entry.VideoRequests);
            response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        if (faults.HtmlVideo)
        {
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync(HtmlErrorPage, context.RequestAborted);
            return;
        }

        var size = ledger.VideoSizeOf(entry);
        response.ContentType = "video/mp4";
        response.ContentLength = size;
        if (isHead)
        {
            return;
        }

        var limit = faults.TruncateVideo || faults.Stall ? size / 2 : size;
        await StreamAsync(new VideoGenerator(taskId, size), limit, faults, response.BodyWriter, context.RequestAborted);

        if (faults.TruncateVideo)
        {
            // Returning short of Content-Length makes Kestrel close the connection once the written half is out;
            // an abort here could drop bytes still queued in the pipe.
            Log.Truncated(logger, taskId, limit, size);
            return;
        }

        if (faults.Stall)
        {
            Log.Stalled(logger, taskId, limit, size);
            await stall.HoldAsync(context.RequestAborted);
            context.Abort();
        }
    }

    public async Task ServePreviewAsync(string taskId, HttpContext context)
    {
        if (ledger.Find(taskId) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "image/webp";
        context.Response.ContentLength = PreviewImage.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(PreviewImage, context.RequestAborted);
        }
    }

    /// <summary>
    /// Generates straight into the response pipe's own memory (no copy, no buffer of ours) and flushes every
    /// <see cref="VideoGenerator.ChunkSize"/> bytes, or every tenth of a second's worth when throttled.
    /// </summary>
    private async Task StreamAsync(VideoGenerator generator, long limit, FaultSpec faults, PipeWriter writer, CancellationToken cancellationToken)
    {
        var rate = faults.VideoBytesPerSecond;
        var flushEvery = rate is { } limitPerSecond
            ? Math.Clamp(limitPerSecond / 10, 1, VideoGenerator.ChunkSize)
            : VideoGenerator.ChunkSize;
        var started = timeProvider.GetTimestamp();
        long sent = 0;
        while (sent < limit)
        {
            var batchEnd = Math.Min(limit, sent + flushEvery);
            while (sent < batchEnd)
            {
                var span = writer.GetSpan();
                var written = generator.Read(span[..(int)Math.Min(span.Length, batchEnd - sent)]);
                writer.Advance(written);
                sent += written;
            }

            var flush = await writer.FlushAsync(cancellationToken);
            if (flush.IsCanceled || flush.IsCompleted)
            {
                return;
            }

            if (rate is { } bytesPerSecond)
            {
                var due = TimeSpan.FromSeconds((double)sent / bytesPerSecond) - timeProvider.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, timeProvider, cancellationToken);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Video {TaskId}: answering 500 on purpose (request {Request})")]
        public static partial void FailedOnPurpose(ILogger logger, string taskId, int request);

        [LoggerMessage(Level = LogLevel.Information, Message = "Video {TaskId}: ending after {Sent} of {Size} bytes on purpose (Kestrel then reports the Content-Length mismatch and closes the connection)")]
        public static partial void Truncated(ILogger logger, string taskId, long sent, long size);

        [LoggerMessage(Level = LogLevel.Information, Message = "Video {TaskId}: stalling after {Sent} of {Size} bytes on purpose")]
        public static partial void Stalled(ILogger logger, string taskId, long sent, long size);
    }
}
