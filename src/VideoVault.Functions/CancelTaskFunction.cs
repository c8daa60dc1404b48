using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class CancelTaskFunction(ApiHandlers api)
{
    /// <param name="id">Bound from the <c>{id}</c> segment of <see cref="Routes.TaskCancel"/>.</param>
    [Function("CancelTask")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.TaskCancel)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) => api.CancelTaskAsync(id, cancellationToken);
}
