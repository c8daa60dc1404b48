using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using VideoVault.Events.Delivery;
using VideoVault.Outbound;

namespace VideoVault.Events;

/// <summary>Events for callers: the signed webhooks and the CloudEvents queue (configuration section <c>Events</c>).</summary>
internal sealed class EventOptions : IValidatableObject
{
    public const string SectionName = "Events";

    /// <summary>Where every event is also put as a CloudEvents 1.0 JSON message, for another Functions app to queue-trigger on.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Queue { get; set; } = "videovault-events";

    /// <summary>
    /// Standard Webhooks signing secrets, <c>whsec_</c> + base64 of 24 to 64 random bytes. Each one adds a
    /// <c>v1</c> signature to every webhook, so a secret is rotated by adding the new one, moving receivers
    /// over, then removing the old one.
    /// </summary>
    public List<string> SigningSecrets { get; set; } = [];

    /// <summary>
    /// The waits between delivery attempts of one event; the first attempt goes at once. Empty means the
    /// default below: seconds, then minutes, then hours, about a day in all, like the established senders.
    /// </summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a receiver has to answer, from the request's start; Standard Webhooks suggests 15 to 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:02:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The event sweep re-queues delivery of an event whose attempt has been due this long (its work item was lost).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SweepStaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A receiver URL whose deliveries have all failed for this long is paused for every task that names
    /// it: no more attempts, its events kept as <c>paused</c> until an operator resumes it (Svix: 5 days).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "30.00:00:00")]
    public TimeSpan PauseAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>
    /// Host names or IP literals a webhook may reach over plain http and at loopback or private
    /// addresses. For development and tests only: empty in production.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    internal static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    /// <summary>How long one attempt may hold its event: a sender that died mid-attempt is taken over after this.</summary>
    internal TimeSpan DeliveryLease => ConnectTimeout + ResponseTimeout + TimeSpan.FromSeconds(30);

    internal void ApplyDefaults()
    {
        if (RetrySchedule.Count == 0)
        {
            RetrySchedule.AddRange(DefaultRetrySchedule);
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningSecrets.Count == 0)
        {
            yield return new ValidationResult($"{nameof(SigningSecrets)} needs at least one secret (whsec_ + base64 of 24 to 64 random bytes).", [nameof(SigningSecrets)]);
        }

        for (var index = 0; index < SigningSecrets.Count; index++)
        {
            // The index only: a secret never goes into a message that may be logged.
            if (!StandardWebhookSigner.TryDecodeSecret(SigningSecrets[index], out _))
            {
                yield return new ValidationResult($"{nameof(SigningSecrets)}:{index} is not whsec_ followed by base64 of 24 to 64 bytes.", [nameof(SigningSecrets)]);
            }
        }

        if (RetrySchedule.Exists(delay => delay <= TimeSpan.Zero || delay > TimeSpan.FromDays(6)))
        {
            yield return new ValidationResult($"Every {nameof(RetrySchedule)} delay must be positive and at most 6 days (a queue message can wait 7).", [nameof(RetrySchedule)]);
        }

        foreach (var host in AllowedHosts.Where(host => !OutboundAddressPolicy.IsValidHost(host)))
        {
            yield return new ValidationResult($"'{host}' in {nameof(AllowedHosts)} is not a bare host name or IP address (no scheme, port or path).", [nameof(AllowedHosts)]);
        }
    }
}

/// <summary>Checks <see cref="EventOptions"/>: its attributes, then <see cref="EventOptions.Validate"/>.</summary>
[OptionsValidator]
internal sealed partial class EventOptionsValidator : IValidateOptions<EventOptions>;
