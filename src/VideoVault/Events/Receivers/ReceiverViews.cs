namespace VideoVault.Events.Receivers;

/// <summary>The names of a receiver's health in the API.</summary>
internal static class ReceiverStates
{
    public const string Active = "active";
    public const string Failing = "failing";
    public const string Paused = "paused";
}

/// <summary><c>GET /api/receivers</c>: every receiver URL events were sent to, with its health.</summary>
internal sealed record ReceiverListView(IReadOnlyList<ReceiverView> Receivers);

/// <param name="Url">Normalised: scheme, host, port and path; never the query, which may hold a token.</param>
internal sealed record ReceiverView(string Key, string Url, string State, DateTimeOffset? FailingSince, DateTimeOffset? PausedAt, DateTimeOffset? LastFailureAt, string? LastError);

/// <param name="Queued">Events made due now and queued.</param>
/// <param name="InProgress">Events found with an attempt under way, left to it.</param>
internal sealed record RecoveryView(string Key, int Queued, int InProgress);
