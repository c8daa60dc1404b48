using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using VideoVault.Events;
using VideoVault.Events.Receivers;

namespace VideoVault.Http;

/// <summary>The receiver URLs and their health, and the operator's recover and resume. Hosts map one route to each method.</summary>
internal sealed class ReceiverEndpoints(IWebhookReceiverStore store, ReceiverRecovery recovery, TimeProvider timeProvider, ILogger<ReceiverEndpoints> logger)
{
    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => ListCoreAsync(request.Query["state"].ToString(), cancellationToken), logger, cancellationToken);

    public Task<IResult> RecoverAsync(string key, HttpRequest request, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => RecoverCoreAsync(key, request.Query["since"].ToString(), cancellationToken), logger, cancellationToken);

    public Task<IResult> ResumeAsync(string key, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => ResumeCoreAsync(key, cancellationToken), logger, cancellationToken);

    private async Task<Results<JsonHttpResult<ReceiverListView>, ValidationProblem>> ListCoreAsync(string state, CancellationToken cancellationToken)
    {
        if (state is not ("" or ReceiverStates.Active or ReceiverStates.Failing or ReceiverStates.Paused))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [$"One of {ReceiverStates.Active}, {ReceiverStates.Failing}, {ReceiverStates.Paused}; leave it out for all."] });
        }

        var receivers = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var views = receivers.Select(View).Where(view => state.Length == 0 || view.State == state).OrderBy(view => view.Url, StringComparer.Ordinal).ToList();
        return TypedResults.Json(new ReceiverListView(views), EventJsonContext.Default.ReceiverListView);
    }

    private async Task<Results<JsonHttpResult<RecoveryView>, ValidationProblem, ProblemHttpResult>> RecoverCoreAsync(string key, string sinceText, CancellationToken cancellationToken)
    {
        if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) || since > timeProvider.GetUtcNow())
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["since"] = ["Required: an ISO 8601 date-time, not in the future; events since then are sent again."] });
        }

        var result = ReceiverUrl.IsKey(key) ? await recovery.RecoverAsync(key, since, cancellationToken).ConfigureAwait(false) : null;
        return result is null
            ? NoSuchReceiver()
            : TypedResults.Json(new RecoveryView(key, result.Queued, result.InProgress), EventJsonContext.Default.RecoveryView);
    }

    private async Task<Results<JsonHttpResult<RecoveryView>, ProblemHttpResult>> ResumeCoreAsync(string key, CancellationToken cancellationToken)
    {
        var resumed = ReceiverUrl.IsKey(key) ? await recovery.ResumeAsync(key, cancellationToken).ConfigureAwait(false) : null;
        return resumed is not var (_, result)
            ? NoSuchReceiver()
            : TypedResults.Json(new RecoveryView(key, result.Queued, result.InProgress), EventJsonContext.Default.RecoveryView);
    }

    private static ProblemHttpResult NoSuchReceiver() => TypedResults.Problem("No such receiver: nothing was ever sent to it.", statusCode: StatusCodes.Status404NotFound);

    private static ReceiverView View(WebhookReceiver receiver) => new(
        receiver.Key,
        receiver.Url,
        receiver.Paused ? ReceiverStates.Paused : receiver.FailingSince is not null ? ReceiverStates.Failing : ReceiverStates.Active,
        receiver.FailingSince,
        receiver.PausedAt,
        receiver.LastFailureAt,
        receiver.LastError);
}
