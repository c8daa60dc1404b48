using Microsoft.Extensions.Options;

namespace VideoVault.Webhooks;

internal sealed class WebhookSigningOptionsValidator : IValidateOptions<WebhookSigningOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookSigningOptions options)
    {
        var failures = new List<string>();
        if (options.Keys.Count == 0)
        {
            failures.Add("WebhookSigning:Keys needs at least one key.");
        }

        foreach (var (id, key) in options.Keys)
        {
            if (id.Length is 0 or > 16 || !id.All(char.IsAsciiLetterOrDigit))
            {
                failures.Add($"WebhookSigning:Keys id '{id}' must be 1-16 ASCII letters or digits.");
            }

            if (!IsLongEnoughBase64(key))
            {
                failures.Add($"WebhookSigning:Keys:{id} must be base64 of at least {WebhookSigningOptions.MinimumKeyBytes} bytes.");
            }
        }

        if (!options.Keys.ContainsKey(options.CurrentKeyId))
        {
            failures.Add("WebhookSigning:CurrentKeyId must name one of WebhookSigning:Keys.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLongEnoughBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= WebhookSigningOptions.MinimumKeyBytes;
    }
}
