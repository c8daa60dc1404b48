using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

/// <summary>
/// Anonymous because the document only describes the API (no data, no secrets) and the tools that
/// import it, client generators and API gateways, fetch it without a function key.
/// </summary>
public sealed class OpenApiFunction(ApiHandlers api)
{
    [Function("OpenApiDocument")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenApiDocument)] HttpRequest request) => api.GetOpenApiDocument();
}
