using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class ListReceiversFunction(ReceiverEndpoints endpoints)
{
    [Function("ListReceivers")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Receivers)] HttpRequest request,
        CancellationToken cancellationToken) => endpoints.ListAsync(request, cancellationToken);
}
