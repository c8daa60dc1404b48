using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class RetryTaskFunction(ApiHandlers api)
{
    /// <param name="id">Bound from the <c>{id}</c> segment of <see cref="Routes.TaskRetry"/>.</param>
    [Function("RetryTask")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.TaskRetry)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) => api.RetryTaskAsync(id, cancellationToken);
}
