using System.ComponentModel.DataAnnotations;

namespace VideoVault.Webhooks;

/// <summary>
/// Keys that derive each task's webhook secret. The current key signs new tasks; every key listed
/// still verifies, so a key is rotated by adding a new one, making it current, and removing the
/// old one once its tasks are finished.
/// </summary>
public sealed class WebhookSigningOptions
{
    public const string SectionName = "WebhookSigning";
    public const int MinimumKeyBytes = 32;

    /// <summary>Key id → base64 key of at least 32 bytes. Ids are short and made of letters and digits.</summary>
    [Required]
    public Dictionary<string, string> Keys { get; set; } = [];

    [Required]
    public string CurrentKeyId { get; set; } = string.Empty;
}
