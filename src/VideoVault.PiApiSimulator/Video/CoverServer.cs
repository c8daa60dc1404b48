using System.Text;
using VideoVault.PiApiSimulator.Faults;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// Serves <c>GET|HEAD /files/{task_id}.png</c>: the task's cover (<see cref="CoverImage"/>), or what its
/// <c>[sim:cover=...]</c> tag asks for instead.
/// </summary>
internal sealed partial class CoverServer(SimulatorLedger ledger, ILogger<CoverServer> logger)
{
    private const string HtmlErrorPage =
        "<!DOCTYPE html>\n<html><head><title>Not an image</title></head><body><h1>Access denied</h1></body></html>\n";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapMethods("/files/{taskId}.png", [HttpMethods.Get, HttpMethods.Head], (string taskId, HttpContext context, CoverServer server) => server.ServeAsync(taskId, context));

    public async Task ServeAsync(string taskId, HttpContext context)
    {
        var response = context.Response;
        if (ledger.Find(taskId) is not { } entry)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (entry.Faults.Cover == CoverFault.ServerError)
        {
            Log.FailedOnPurpose(logger, taskId);
            response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var (contentType, body) = entry.Faults.Cover == CoverFault.Html
            ? ("text/html; charset=utf-8", Encoding.UTF8.GetBytes(HtmlErrorPage))
            : ("image/png", CoverImage.For(taskId));
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Cover {TaskId}: answering 500 on purpose")]
        public static partial void FailedOnPurpose(ILogger logger, string taskId);
    }
}
