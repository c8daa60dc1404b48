using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VideoVault.PiApi;

/// <summary>Settings of the PiAPI client, bound from the <c>PiApi</c> configuration section.</summary>
internal sealed class PiApiOptions : IValidatableObject
{
    public const string SectionName = "PiApi";

    /// <summary>PiAPI's address; an absolute http(s) URI (a path, e.g. for a simulator, is kept).</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.piapi.ai");

    /// <summary>Sent as <c>X-API-Key</c> (and as a Bearer token to chat completions). A secret: never logged.</summary>
    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// How long one call may take, answer body included; for a chat completions stream, which lasts
    /// minutes, only the connection and the wait for the response headers.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not { IsAbsoluteUri: true, Scheme: "https" or "http" })
        {
            yield return new ValidationResult($"{SectionName}:{nameof(BaseUrl)} must be an absolute http(s) URI.");
        }
    }
}

/// <summary>Checks <see cref="PiApiOptions"/>: its attributes, then <see cref="PiApiOptions.Validate"/>.</summary>
[OptionsValidator]
internal sealed partial class PiApiOptionsValidator : IValidateOptions<PiApiOptions>;
