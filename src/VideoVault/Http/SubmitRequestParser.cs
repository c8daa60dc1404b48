using System.Text.Json;
using VideoVault.Events;
using VideoVault.Tasks;

namespace VideoVault.Http;

/// <summary>
/// Reads and validates the body of <c>POST /api/tasks</c>, collecting every problem by field so a
/// caller can fix a request in one go.
/// </summary>
internal static class SubmitRequestParser
{
    public const int MaxPromptLength = 4000;
    public const int MaxMetadataBytes = 4096;
    private const int MaxDepth = 16;

    /// <summary>The task API's video settings, which chat-completions models do not take.</summary>
    private static readonly string[] VideoSettings = ["aspect_ratio", "resolution", "duration", "image_url"];

    /// <param name="events">For the webhook URL's dev allow-list; null allows https to public addresses only.</param>
    public static (VideoRequest? Request, Dictionary<string, string[]> Errors) Parse(byte[] body, VideoVaultOptions options, EventOptions? events = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException)
        {
            errors["body"] = ["The body is not valid JSON (or nests deeper than 16 levels)."];
            return (null, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors["body"] = ["The body must be a JSON object."];
                return (null, errors);
            }

            var model = RequiredString(root, "model", errors);
            var chat = model is not null && ModelNames.IsChatCompletions(model);
            if (model is not null && model != ModelNames.Sora2 && !chat)
            {
                errors["model"] = [$"Unknown model '{model}'; supported: {ModelNames.Sora2}, {ModelNames.Sora2Preview}, {ModelNames.Sora2HdPreview}."];
            }

            // Chat-completions models have no task type; an empty one keeps the stored request uniform.
            var taskType = chat ? string.Empty : RequiredString(root, "task_type", errors);
            if (chat && root.TryGetProperty("task_type", out var given) && given.ValueKind != JsonValueKind.Null)
            {
                errors["task_type"] = [$"Does not apply to {model}: chat-completions models have no task type; leave it out."];
            }
            else if (!chat && taskType is not null && taskType is not (ModelNames.Sora2Video or ModelNames.Sora2ProVideo))
            {
                errors["task_type"] = [$"Unknown task_type '{taskType}'; supported: {ModelNames.Sora2Video}, {ModelNames.Sora2ProVideo}."];
            }

            if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object && config.TryGetProperty("webhook_config", out _))
            {
                errors["config.webhook_config"] = ["VideoVault sets the webhook itself; leave config.webhook_config out."];
            }

            var metadata = Metadata(root, errors);
            var webhook = WebhookSubscriptionParser.Parse(root, events?.AllowedHosts, errors);
            if (!root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
            {
                errors["input"] = ["Required: an object with prompt and the video settings."];
                return (null, errors);
            }

            var request = chat ? PromptOnly(input, model!, errors) : Input(input, taskType, options, errors);
            return errors.Count > 0 || model is null || taskType is null || request is null
                ? (null, errors)
                : (request with { Model = model, TaskType = taskType, MetadataJson = metadata, Webhook = webhook }, errors);
        }
    }

    /// <summary>Chat-completions models take a prompt only: the video settings are refused rather than silently dropped.</summary>
    private static VideoRequest? PromptOnly(JsonElement input, string model, Dictionary<string, string[]> errors)
    {
        var prompt = Prompt(input, errors);
        foreach (var name in VideoSettings)
        {
            if (input.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                errors[$"input.{name}"] = [$"Does not apply to {model}: chat-completions models ({ModelNames.Sora2Preview}, {ModelNames.Sora2HdPreview}) take input.prompt only."];
            }
        }

        return prompt is null ? null : new VideoRequest { Model = string.Empty, TaskType = string.Empty, Prompt = prompt };
    }

    private static string? Prompt(JsonElement input, Dictionary<string, string[]> errors)
    {
        var prompt = RequiredString(input, "prompt", errors, "input.prompt");
        if (prompt is { Length: > MaxPromptLength })
        {
            errors["input.prompt"] = [$"At most {MaxPromptLength} characters."];
        }

        return prompt;
    }

    private static VideoRequest? Input(JsonElement input, string? taskType, VideoVaultOptions options, Dictionary<string, string[]> errors)
    {
        var prompt = Prompt(input, errors);

        var aspectRatio = OptionalString(input, "aspect_ratio", errors, "input.aspect_ratio");
        if (aspectRatio is not null && !options.AspectRatios.Contains(aspectRatio))
        {
            errors["input.aspect_ratio"] = [$"Must be one of {string.Join(", ", options.AspectRatios)}."];
        }

        var resolution = OptionalString(input, "resolution", errors, "input.resolution");
        if (resolution is not null && taskType == ModelNames.Sora2Video)
        {
            errors["input.resolution"] = [$"Does not apply to {ModelNames.Sora2Video}; use {ModelNames.Sora2ProVideo} to choose a resolution."];
        }
        else if (resolution is not null && !options.Resolutions.Contains(resolution))
        {
            errors["input.resolution"] = [$"Must be one of {string.Join(", ", options.Resolutions)}."];
        }

        int? duration = null;
        if (input.TryGetProperty("duration", out var durationElement) && durationElement.ValueKind != JsonValueKind.Null)
        {
            if (durationElement.ValueKind == JsonValueKind.Number && durationElement.TryGetInt32(out var seconds) && options.Durations.Contains(seconds))
            {
                duration = seconds;
            }
            else
            {
                errors["input.duration"] = [$"Must be one of {string.Join(", ", options.Durations)} (seconds, a number)."];
            }
        }

        var imageUrl = OptionalString(input, "image_url", errors, "input.image_url");
        if (imageUrl is not null && taskType == ModelNames.Sora2ProVideo)
        {
            errors["input.image_url"] = [$"Does not apply to {ModelNames.Sora2ProVideo}."];
        }
        else if (imageUrl is not null && !(Uri.TryCreate(imageUrl, UriKind.Absolute, out var image) && image.Scheme == Uri.UriSchemeHttps))
        {
            errors["input.image_url"] = ["Must be an absolute https URL."];
        }

        return prompt is null ? null : new VideoRequest
        {
            Model = string.Empty,
            TaskType = string.Empty,
            Prompt = prompt,
            AspectRatio = aspectRatio,
            Resolution = resolution,
            Duration = duration,
            ImageUrl = imageUrl,
        };
    }

    private static string? Metadata(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            errors["metadata"] = ["Must be a JSON object."];
            return null;
        }

        var raw = metadata.GetRawText();
        if (System.Text.Encoding.UTF8.GetByteCount(raw) > MaxMetadataBytes)
        {
            errors["metadata"] = [$"At most {MaxMetadataBytes} bytes of JSON."];
            return null;
        }

        return raw;
    }

    private static string? RequiredString(JsonElement parent, string name, Dictionary<string, string[]> errors, string? path = null)
    {
        var value = OptionalString(parent, name, errors, path ?? name);
        if (value is null && !errors.ContainsKey(path ?? name))
        {
            errors[path ?? name] = ["Required."];
        }

        return value;
    }

    private static string? OptionalString(JsonElement parent, string name, Dictionary<string, string[]> errors, string path)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            errors[path] = ["Must be a non-empty string."];
            return null;
        }

        return element.GetString()!.Trim();
    }
}
