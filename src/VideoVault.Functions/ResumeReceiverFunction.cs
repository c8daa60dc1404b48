using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class ResumeReceiverFunction(ApiHandlers api)
{
    /// <param name="key">Bound from the <c>{key}</c> segment of <see cref="Routes.ReceiverResume"/>.</param>
    [Function("ResumeReceiver")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.ReceiverResume)] HttpRequest request,
        string key,
        CancellationToken cancellationToken) => api.ResumeReceiverAsync(key, cancellationToken);
}
