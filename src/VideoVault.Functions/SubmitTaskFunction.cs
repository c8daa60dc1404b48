using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class SubmitTaskFunction(ApiHandlers api)
{
    [Function("SubmitTask")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Tasks)] HttpRequest request,
        CancellationToken cancellationToken) => api.SubmitTaskAsync(request, cancellationToken);
}
