using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class ListTasksFunction(ApiHandlers api)
{
    [Function("ListTasks")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Tasks)] HttpRequest request,
        CancellationToken cancellationToken) => api.ListTasksAsync(request, cancellationToken);
}
