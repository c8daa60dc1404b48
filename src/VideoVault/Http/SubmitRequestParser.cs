using System.Text.Json;
using VideoVault.Catalog;
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

    /// <param name="events">For the webhook URL's dev allow-list; null allows https to public addresses only.</param>
    public static (VideoRequest? Request, Dictionary<string, string[]> Errors) Parse(byte[] body, ModelCatalog catalog, EventOptions? events = null)
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

            // Chat-completions models have no task type; an empty one keeps the stored request uniform.
            var taskType = chat ? string.Empty : RequiredString(root, "task_type", errors);
            if (chat && root.TryGetProperty("task_type", out var given) && given.ValueKind != JsonValueKind.Null)
            {
                errors["task_type"] = [$"Does not apply to {model}: chat-completions models have no task type; leave it out."];
            }

            if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object && config.TryGetProperty("webhook_config", out _))
            {
                errors["config.webhook_config"] = ["VideoVault sets the webhook itself; leave config.webhook_config out."];
            }

            var metadata = Metadata(root, errors);
            var deadline = Deadline(root, errors);
            var webhook = WebhookSubscriptionParser.Parse(root, events?.AllowedHosts, errors);
            if (!root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
            {
                errors["input"] = ["Required: an object with the model's inputs (GET /api/models lists them)."];
                return (null, errors);
            }

            var request = chat ? PromptOnly(input, model!, errors)
                : model is not null && taskType is not null ? FromCatalog(catalog, model, taskType, input, errors)
                : null;
            return errors.Count > 0 || model is null || taskType is null || request is null
                ? (null, errors)
                : (request with { Model = model, TaskType = taskType, MetadataJson = metadata, Webhook = webhook, Deadline = deadline }, errors);
        }
    }

    /// <summary>Chat-completions models take a prompt only: the video settings are refused rather than silently dropped.</summary>
    private static VideoRequest? PromptOnly(JsonElement input, string model, Dictionary<string, string[]> errors)
    {
        var prompt = RequiredString(input, "prompt", errors, "input.prompt");
        if (prompt is { Length: > MaxPromptLength })
        {
            errors["input.prompt"] = [$"At most {MaxPromptLength} characters."];
        }

        foreach (var property in input.EnumerateObject())
        {
            if (property.Name != "prompt" && property.Value.ValueKind != JsonValueKind.Null)
            {
                errors[$"input.{property.Name}"] = [$"Does not apply to {model}: chat-completions models ({ModelNames.Sora2Preview}, {ModelNames.Sora2HdPreview}) take input.prompt only."];
            }
        }

        return prompt is null ? null : new VideoRequest { Model = string.Empty, TaskType = string.Empty, Prompt = prompt };
    }

    /// <summary>The task API's models: the catalog entry the request names checks every input.</summary>
    private static VideoRequest? FromCatalog(ModelCatalog catalog, string model, string taskType, JsonElement input, Dictionary<string, string[]> errors)
    {
        var entry = catalog.Resolve(model, taskType, input, errors);
        var inputJson = entry is null ? null : InputValidator.Validate(entry, input, errors);
        if (entry is null || inputJson is null)
        {
            return null;
        }

        using var validated = JsonDocument.Parse(inputJson);
        return new VideoRequest
        {
            Model = string.Empty,
            TaskType = string.Empty,
            Prompt = validated.RootElement.TryGetProperty("prompt", out var prompt) ? prompt.GetString()! : string.Empty,
            InputJson = inputJson,
            CatalogEntryId = entry.Id,
        };
    }

    /// <summary>An RFC 3339 time with its offset; whether it lies ahead is the endpoint's check, which knows the time.</summary>
    private static DateTimeOffset? Deadline(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty("deadline", out var deadline) || deadline.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (deadline.ValueKind == JsonValueKind.String && deadline.TryGetDateTimeOffset(out var at) && deadline.GetString()!.Length > 19)
        {
            return at;
        }

        errors["deadline"] = ["An RFC 3339 date and time with its offset, e.g. 2026-12-01T12:00:00Z."];
        return null;
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
