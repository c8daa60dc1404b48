using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class RecoverReceiverFunction(ApiHandlers api)
{
    /// <param name="key">Bound from the <c>{key}</c> segment of <see cref="Routes.ReceiverRecover"/>.</param>
    [Function("RecoverReceiver")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ReceiverRecover)] HttpRequest request,
        string key,
        CancellationToken cancellationToken) => api.RecoverReceiverAsync(key, request, cancellationToken);
}
