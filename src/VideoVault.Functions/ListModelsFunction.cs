using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class ListModelsFunction(ApiHandlers api)
{
    [Function("ListModels")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Models)] HttpRequest request) => api.ListModels();
}
