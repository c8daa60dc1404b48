using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class GetTaskFunction(ApiHandlers api)
{
    /// <param name="id">Bound from the <c>{id}</c> segment of <see cref="Routes.Task"/>.</param>
    [Function("GetTask")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Task)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) => api.GetTaskAsync(id, cancellationToken);
}
