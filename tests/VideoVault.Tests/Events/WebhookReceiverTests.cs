using VideoVault.Events.Delivery;
using VideoVault.Events.Receivers;

namespace VideoVault.Tests.Events;

/// <summary>A receiver URL's identity (no query) and its health: a run of failures, a pause after <c>PauseAfter</c>, the end of it.</summary>
public sealed class WebhookReceiverTests
{
    private static readonly TimeSpan PauseAfter = TimeSpan.FromDays(5);
    private static readonly DateTimeOffset At = EventRecords.At;
    private static readonly WebhookReceiver Fresh = WebhookReceiver.New(new Uri("https://hooks.example/in?token=secret"));

    private static WebhookAttemptResult Answer(int? status, bool permanent = false) =>
        new(status, status is >= 200 and < 300 ? null : $"HTTP {status}", TimeSpan.FromMilliseconds(40), null, permanent);

    [Fact]
    public void The_url_is_normalised_to_scheme_host_port_and_path_and_its_query_never_kept()
    {
        Assert.Equal("https://hooks.example:443/in", ReceiverUrl.Normalise(new Uri("HTTPS://Hooks.Example/in?token=secret")));
        Assert.Equal(ReceiverUrl.Key(new Uri("https://hooks.example:443/in?token=a")), ReceiverUrl.Key(new Uri("https://HOOKS.example/in?token=b")));
        Assert.NotEqual(ReceiverUrl.Key(new Uri("https://hooks.example/in")), ReceiverUrl.Key(new Uri("https://hooks.example/In")));
        Assert.NotEqual(ReceiverUrl.Key(new Uri("https://hooks.example/in")), ReceiverUrl.Key(new Uri("https://hooks.example:8443/in")));
        Assert.Equal("https://hooks.example:443/in?…", ReceiverUrl.Masked(new Uri("https://hooks.example/in?token=secret")));
        Assert.Equal("https://hooks.example:443/in", ReceiverUrl.Masked(new Uri("https://hooks.example/in")));
        Assert.True(ReceiverUrl.IsKey(Fresh.Key));
        Assert.DoesNotContain("secret", Fresh.Url, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delivery_to_a_healthy_receiver_changes_nothing_so_nothing_is_written()
    {
        Assert.Equal(Fresh, Fresh.After(Answer(204), At, PauseAfter));
    }

    [Fact]
    public void A_failure_starts_a_run_and_later_ones_extend_it_until_it_has_lasted_PauseAfter()
    {
        var failing = Fresh.After(Answer(503), At, PauseAfter);
        var still = failing.After(Answer(500), At + PauseAfter - TimeSpan.FromSeconds(1), PauseAfter);
        var paused = still.After(Answer(500), At + PauseAfter, PauseAfter);

        Assert.Equal((At, (DateTimeOffset?)null, "HTTP 503"), (failing.FailingSince!.Value, failing.PausedAt, failing.LastError));
        Assert.Equal((At, false, "HTTP 500"), (still.FailingSince!.Value, still.Paused, still.LastError));
        Assert.Equal(At + PauseAfter, paused.PausedAt);
    }

    [Fact]
    public void A_delivery_ends_the_run_and_a_later_failure_starts_a_new_one()
    {
        var recovered = Fresh.After(Answer(503), At, PauseAfter).After(Answer(200), At.AddDays(4), PauseAfter);
        var again = recovered.After(Answer(503), At.AddDays(6), PauseAfter);

        Assert.Null(recovered.FailingSince);
        Assert.Equal((At.AddDays(6), false), (again.FailingSince!.Value, again.Paused));
    }

    [Fact]
    public void A_410_and_a_refusal_by_the_outbound_guard_say_nothing_about_the_receivers_health()
    {
        Assert.Equal(Fresh, Fresh.After(Answer(410), At, PauseAfter));
        Assert.Equal(Fresh, Fresh.After(Answer(null, permanent: true), At, PauseAfter));
    }

    [Fact]
    public void Resuming_ends_the_pause_and_forgets_the_run_so_the_next_failure_does_not_pause_it_at_once()
    {
        var paused = Fresh.After(Answer(503), At, PauseAfter).After(Answer(503), At + PauseAfter, PauseAfter);

        var resumed = paused.Resumed();

        Assert.Equal((false, (DateTimeOffset?)null), (resumed.Paused, resumed.FailingSince));
        Assert.False(resumed.After(Answer(503), At + PauseAfter + TimeSpan.FromMinutes(1), PauseAfter).Paused);
    }
}
