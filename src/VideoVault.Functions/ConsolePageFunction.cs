using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

/// <summary>
/// Anonymous because the page is static and holds no data: a browser cannot send a function key on a
/// navigation without putting it in the URL, where history and logs would keep it. The API calls the page
/// makes send the operator's key in the x-functions-key header.
/// </summary>
public sealed class ConsolePageFunction(ApiHandlers api)
{
    [Function("ConsolePage")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Console)] HttpRequest request) => api.GetConsolePage();
}
