namespace VideoVault;

/// <summary>
/// Routes below the <c>/api</c> prefix, shared by the Functions app (whose default route prefix is
/// <c>api</c>) and the dev host, so the two cannot drift apart.
/// </summary>
public static class Routes
{
    public const string Prefix = "api";
    public const string Tasks = "tasks";
    public const string Task = "tasks/{id}";
    public const string PiApiWebhook = "webhooks/piapi";
    public const string TaskEvents = "tasks/{id}/events";
    public const string TaskEventRedeliver = "tasks/{id}/events/{eventId}/redeliver";
    public const string TaskRetry = "tasks/{id}/retry";
    public const string TaskVideo = "tasks/{id}/video";
    public const string Receivers = "receivers";
    public const string ReceiverRecover = "receivers/{key}/recover";
    public const string ReceiverResume = "receivers/{key}/resume";
    public const string TaskCancel = "tasks/{id}/cancel";
    public const string Spend = "spend";
    public const string OpenApiDocument = "openapi.json";
    public const string Models = "models";
    public const string Console = "console";
    public const string ConsoleAsset = "console/{asset}";

    /// <summary>
    /// <paramref name="route"/> (no placeholders left) under <paramref name="publicBaseUrl"/>, keeping any path the
    /// base has: a deployment behind a gateway at <c>https://gw.example/videovault</c> is reached there, not at the host's root.
    /// </summary>
    public static Uri Absolute(Uri publicBaseUrl, string route)
    {
        var builder = new UriBuilder(publicBaseUrl) { Query = string.Empty, Fragment = string.Empty };
        builder.Path = $"{builder.Path.TrimEnd('/')}/{Prefix}/{route}";
        return builder.Uri;
    }
}
