using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class ListTaskEventsFunction(ApiHandlers api)
{
    /// <param name="id">Bound from the <c>{id}</c> segment of <see cref="Routes.TaskEvents"/>.</param>
    [Function("ListTaskEvents")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.TaskEvents)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) => api.ListTaskEventsAsync(id, cancellationToken);
}
