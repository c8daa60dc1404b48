using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VideoVault.Inbound;

/// <summary>
/// Keys that derive each task's webhook secret. The current key signs new tasks; every key listed
/// still verifies, so a key is rotated by adding a new one, making it current, and removing the
/// old one once its tasks are finished.
/// </summary>
internal sealed class WebhookSigningOptions : IValidatableObject
{
    public const string SectionName = "WebhookSigning";
    public const int MinimumKeyBytes = 32;

    /// <summary>Key id → base64 key of at least 32 bytes. Ids are short and made of letters and digits.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>One of <see cref="Keys"/>.</summary>
    public string CurrentKeyId { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Keys.Count == 0)
        {
            yield return new ValidationResult("WebhookSigning:Keys needs at least one key.");
        }

        foreach (var (id, key) in Keys)
        {
            if (id.Length is 0 or > 16 || !id.All(char.IsAsciiLetterOrDigit))
            {
                yield return new ValidationResult($"WebhookSigning:Keys id '{id}' must be 1-16 ASCII letters or digits.");
            }

            if (!IsLongEnoughBase64(key))
            {
                yield return new ValidationResult($"WebhookSigning:Keys:{id} must be base64 of at least {MinimumKeyBytes} bytes.");
            }
        }

        if (!Keys.ContainsKey(CurrentKeyId))
        {
            yield return new ValidationResult("WebhookSigning:CurrentKeyId must name one of WebhookSigning:Keys.");
        }
    }

    private static bool IsLongEnoughBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= MinimumKeyBytes;
    }
}

/// <summary>Checks <see cref="WebhookSigningOptions"/> by <see cref="WebhookSigningOptions.Validate"/>.</summary>
[OptionsValidator]
internal sealed partial class WebhookSigningOptionsValidator : IValidateOptions<WebhookSigningOptions>;
