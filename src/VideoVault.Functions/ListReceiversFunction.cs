using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class ListReceiversFunction(ApiHandlers api)
{
    [Function("ListReceivers")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Receivers)] HttpRequest request,
        CancellationToken cancellationToken) => api.ListReceiversAsync(request, cancellationToken);
}
