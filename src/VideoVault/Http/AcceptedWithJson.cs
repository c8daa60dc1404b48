using Microsoft.AspNetCore.Http;
using VideoVault.Views;

namespace VideoVault.Http;

/// <summary>202 with a Location header and the task view, serialized with the source-generated context.</summary>
internal sealed class AcceptedWithJson(TaskView view, string location) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status202Accepted;
        httpContext.Response.Headers.Location = location;
        return httpContext.Response.WriteAsJsonAsync(view, ViewJsonContext.Default.TaskView);
    }
}
