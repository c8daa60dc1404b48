using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class DeleteTaskVideoFunction(ApiHandlers api)
{
    /// <param name="id">Bound from the <c>{id}</c> segment of <see cref="Routes.TaskVideo"/>.</param>
    [Function("DeleteTaskVideo")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = Routes.TaskVideo)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) => api.DeleteTaskVideoAsync(id, request, cancellationToken);
}
