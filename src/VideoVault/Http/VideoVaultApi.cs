using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace VideoVault.Http;

/// <summary>
/// Every route of the API and the endpoint method behind it, for a host on ASP.NET Core routing (the dev host).
/// The Functions app binds the same routes, one function each, to the same methods through <see cref="ApiHandlers"/>;
/// tests hold both hosts and the OpenAPI document to one set of routes. Function keys are the Functions host's,
/// which does not ask for them locally either, so no route here checks one.
/// </summary>
public static class VideoVaultApi
{
    public static RouteGroupBuilder MapVideoVaultApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + Routes.Prefix);

        api.MapPost(Routes.Tasks, (HttpRequest request, TaskEndpoints tasks, CancellationToken ct) => tasks.SubmitAsync(request, ct));
        api.MapGet(Routes.Tasks, (HttpRequest request, TaskEndpoints tasks, CancellationToken ct) => tasks.ListAsync(request, ct));
        api.MapGet(Routes.Task, (string id, TaskEndpoints tasks, CancellationToken ct) => tasks.GetAsync(id, ct));
        api.MapPost(Routes.TaskRetry, (string id, TaskEndpoints tasks, CancellationToken ct) => tasks.RetryAsync(id, ct));
        api.MapPost(Routes.TaskCancel, (string id, TaskEndpoints tasks, CancellationToken ct) => tasks.CancelAsync(id, ct));
        api.MapDelete(Routes.TaskVideo, (string id, HttpRequest request, TaskEndpoints tasks, CancellationToken ct) => tasks.DeleteVideoAsync(id, request, ct));

        api.MapGet(Routes.TaskEvents, (string id, TaskEventEndpoints events, CancellationToken ct) => events.ListAsync(id, ct));
        api.MapPost(Routes.TaskEventRedeliver, (string id, string eventId, TaskEventEndpoints events, CancellationToken ct) => events.RedeliverAsync(id, eventId, ct));

        api.MapGet(Routes.Receivers, (HttpRequest request, ReceiverEndpoints receivers, CancellationToken ct) => receivers.ListAsync(request, ct));
        api.MapPost(Routes.ReceiverRecover, (string key, HttpRequest request, ReceiverEndpoints receivers, CancellationToken ct) => receivers.RecoverAsync(key, request, ct));
        api.MapPost(Routes.ReceiverResume, (string key, ReceiverEndpoints receivers, CancellationToken ct) => receivers.ResumeAsync(key, ct));

        api.MapPost(Routes.PiApiWebhook, (HttpRequest request, PiApiWebhookEndpoint webhook, CancellationToken ct) => webhook.ReceiveAsync(request, ct));
        api.MapGet(Routes.Spend, (SpendEndpoint spend, CancellationToken ct) => spend.GetAsync(ct));
        api.MapGet(Routes.Models, (ModelsEndpoint models) => models.List());
        api.MapGet(Routes.OpenApiDocument, (OpenApiEndpoint document) => document.Get());
        api.MapGet(Routes.Console, (ConsoleEndpoint console) => console.GetPage());
        api.MapGet(Routes.ConsoleAsset, (string asset, ConsoleEndpoint console) => console.GetAsset(asset));

        return api;
    }
}
