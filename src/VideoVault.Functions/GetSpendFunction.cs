using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class GetSpendFunction(ApiHandlers api)
{
    [Function("GetSpend")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Spend)] HttpRequest request,
        CancellationToken cancellationToken) => api.GetSpendAsync(cancellationToken);
}
