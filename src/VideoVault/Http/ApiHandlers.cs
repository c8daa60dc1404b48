using Microsoft.AspNetCore.Http;

namespace VideoVault.Http;

/// <summary>
/// The API for a host that binds each route itself: the Functions app, whose HTTP functions each call one of these
/// with what its trigger bound. Each is the endpoint method <see cref="VideoVaultApi.MapVideoVaultApi"/> maps to the
/// same route. The endpoint classes and their views are internal, so this door speaks only framework types; its
/// constructor is internal too, so <c>AddVideoVault</c> builds it.
/// </summary>
public sealed class ApiHandlers
{
    private readonly TaskEndpoints _tasks;
    private readonly TaskEventEndpoints _events;
    private readonly ReceiverEndpoints _receivers;
    private readonly PiApiWebhookEndpoint _webhook;
    private readonly SpendEndpoint _spend;
    private readonly ModelsEndpoint _models;
    private readonly OpenApiEndpoint _document;
    private readonly ConsoleEndpoint _console;

    internal ApiHandlers(
        TaskEndpoints tasks,
        TaskEventEndpoints events,
        ReceiverEndpoints receivers,
        PiApiWebhookEndpoint webhook,
        SpendEndpoint spend,
        ModelsEndpoint models,
        OpenApiEndpoint document,
        ConsoleEndpoint console)
    {
        _tasks = tasks;
        _events = events;
        _receivers = receivers;
        _webhook = webhook;
        _spend = spend;
        _models = models;
        _document = document;
        _console = console;
    }

    public Task<IResult> SubmitTaskAsync(HttpRequest request, CancellationToken cancellationToken) => _tasks.SubmitAsync(request, cancellationToken);

    public Task<IResult> ListTasksAsync(HttpRequest request, CancellationToken cancellationToken) => _tasks.ListAsync(request, cancellationToken);

    public Task<IResult> GetTaskAsync(string id, CancellationToken cancellationToken) => _tasks.GetAsync(id, cancellationToken);

    public Task<IResult> RetryTaskAsync(string id, CancellationToken cancellationToken) => _tasks.RetryAsync(id, cancellationToken);

    public Task<IResult> CancelTaskAsync(string id, CancellationToken cancellationToken) => _tasks.CancelAsync(id, cancellationToken);

    public Task<IResult> DeleteTaskVideoAsync(string id, HttpRequest request, CancellationToken cancellationToken) => _tasks.DeleteVideoAsync(id, request, cancellationToken);

    public Task<IResult> ListTaskEventsAsync(string id, CancellationToken cancellationToken) => _events.ListAsync(id, cancellationToken);

    public Task<IResult> RedeliverTaskEventAsync(string id, string eventId, CancellationToken cancellationToken) => _events.RedeliverAsync(id, eventId, cancellationToken);

    public Task<IResult> ListReceiversAsync(HttpRequest request, CancellationToken cancellationToken) => _receivers.ListAsync(request, cancellationToken);

    public Task<IResult> RecoverReceiverAsync(string key, HttpRequest request, CancellationToken cancellationToken) => _receivers.RecoverAsync(key, request, cancellationToken);

    public Task<IResult> ResumeReceiverAsync(string key, CancellationToken cancellationToken) => _receivers.ResumeAsync(key, cancellationToken);

    public Task<IResult> ReceivePiApiWebhookAsync(HttpRequest request, CancellationToken cancellationToken) => _webhook.ReceiveAsync(request, cancellationToken);

    public Task<IResult> GetSpendAsync(CancellationToken cancellationToken) => _spend.GetAsync(cancellationToken);

    public IResult ListModels() => _models.List();

    public IResult GetOpenApiDocument() => _document.Get();

    public IResult GetConsolePage() => _console.GetPage();

    public IResult GetConsoleAsset(string asset) => _console.GetAsset(asset);
}
