using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using VideoVault.PiApiSimulator.Families;
using VideoVault.PiApiSimulator.Json;

namespace VideoVault.PiApiSimulator.Hosting;

/// <summary>
/// <c>GET|PUT /admin/removed-models</c>: the run-time list of <see cref="ModelRemovals"/>, for tests that flip a model
/// to "removed" over HTTP. Loopback callers with the API key only; not a PiAPI endpoint.
/// </summary>
internal sealed class AdminEndpoints(ApiKeyVerifier apiKeys, ModelRemovals removals)
{
    private const long MaxBodyBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/admin/removed-models", (HttpContext context, AdminEndpoints admin) => admin.List(context));
        routes.MapPut("/admin/removed-models", (HttpContext context, AdminEndpoints admin) => admin.ReplaceAsync(context));
    }

    public IResult List(HttpContext context) => Refusal(context) ?? Current();

    public async Task<IResult> ReplaceAsync(HttpContext context)
    {
        if (Refusal(context) is { } refused)
        {
            return refused;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, SimulatorJsonContext.Wire.RemovedModelsBody, context.RequestAborted);
            removals.Replace(body?.RemovedModels ?? []);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            return TypedResults.Problem(statusCode: ex.StatusCode, detail: ex.Message);
        }

        return Current();
    }

    private IResult? Refusal(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote) ? TypedResults.NotFound()
        : !apiKeys.IsValid(context.Request.Headers["X-API-Key"]) ? TypedResults.Unauthorized()
        : null;

    private IResult Current() =>
        TypedResults.Json(new RemovedModelsBody([.. removals.RunTime.Order(StringComparer.Ordinal)], [.. removals.Current.Order(StringComparer.Ordinal)]), SimulatorJsonContext.Wire.RemovedModelsBody);
}

/// <summary>
/// Body of <c>PUT /admin/removed-models</c> (<c>{"removed_models":[...]}</c>, replacing the run-time list) and of both
/// answers, which add <c>effective</c>: settings and run-time entries together.
/// </summary>
internal sealed record RemovedModelsBody(List<string>? RemovedModels, List<string>? Effective);
