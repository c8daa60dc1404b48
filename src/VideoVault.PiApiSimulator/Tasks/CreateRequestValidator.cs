using System.Text.Json;
using VideoVault.PiApiSimulator.Families;

namespace VideoVault.PiApiSimulator.Tasks;

/// <summary>Checks a create body: its family (model, task type), that family's input, and the webhook endpoint.</summary>
internal static class CreateRequestValidator
{
    /// <returns>The accepted request, or null with the 400 message in <paramref name="problem"/>.</returns>
    public static ValidCreateRequest? Validate(CreateTaskRequest? request, out string problem)
    {
        if (request is null)
        {
            problem = "request body is required";
            return null;
        }

        if (FamilyCatalog.Resolve(request.Model, request.TaskType, request.Input, out problem) is not { } family)
        {
            return null;
        }

        problem = family.Validate(request.TaskType!, request.Input)
            ?? (request.Config?.WebhookConfig?.Endpoint is { Length: > 0 } endpoint && !IsHttpUrl(endpoint)
                ? "config.webhook_config.endpoint must be an absolute http(s) URL"
                : "");
        if (problem.Length > 0)
        {
            return null;
        }

        var input = family.Echo(request.Input);
        return new ValidCreateRequest(
            family,
            request.TaskType!,
            input,
            InputValues.Text(input, "prompt") ?? "",
            request.Config?.ServiceMode ?? "",
            new WebhookConfig(request.Config?.WebhookConfig?.Endpoint ?? "", request.Config?.WebhookConfig?.Secret ?? ""));
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

internal sealed record ValidCreateRequest(VideoFamily Family, string TaskType, JsonElement Input, string Prompt, string ServiceMode, WebhookConfig Webhook);
