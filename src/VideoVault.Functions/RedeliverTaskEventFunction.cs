using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

public sealed class RedeliverTaskEventFunction(ApiHandlers api)
{
    /// <param name="id">Bound from the <c>{id}</c> segment of <see cref="Routes.TaskEventRedeliver"/>.</param>
    /// <param name="eventId">Bound from its <c>{eventId}</c> segment.</param>
    [Function("RedeliverTaskEvent")]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.TaskEventRedeliver)] HttpRequest request,
        string id,
        string eventId,
        CancellationToken cancellationToken) => api.RedeliverTaskEventAsync(id, eventId, cancellationToken);
}
