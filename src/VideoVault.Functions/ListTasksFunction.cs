using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class ListTasksFunction(TaskEndpoints endpoints)
{
    [Function("ListTasks")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Tasks)] HttpRequest request,
        CancellationToken cancellationToken) => endpoints.ListAsync(request, cancellationToken);
}
