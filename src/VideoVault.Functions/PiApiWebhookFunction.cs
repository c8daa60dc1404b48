using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

/// <summary>
/// Anonymous because PiAPI cannot send a function key; the per-task secret in
/// <c>x-webhook-secret</c> is the guard, checked before anything touches storage.
/// </summary>
public sealed class PiApiWebhookFunction(ApiHandlers api)
{
    [Function("PiApiWebhook")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.PiApiWebhook)] HttpRequest request,
        CancellationToken cancellationToken) => api.ReceivePiApiWebhookAsync(request, cancellationToken);
}
