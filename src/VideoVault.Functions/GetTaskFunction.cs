using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class GetTaskFunction(TaskEndpoints endpoints)
{
    /// <param name="id">Bound from the <c>{id}</c> segment of <see cref="Routes.Task"/>.</param>
    [Function("GetTask")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Task)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) => endpoints.GetAsync(id, cancellationToken);
}
