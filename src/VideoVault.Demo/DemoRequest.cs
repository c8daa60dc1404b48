using System.Text.Json.Nodes;

namespace VideoVault.Demo;

/// <summary>
/// The submit body the demo sends: the model's task type and the inputs that pick its entry where several share
/// one (Kling's version, Hailuo's sub-model), the prompt, then whatever <c>--input</c> adds.
/// </summary>
internal static class DemoRequest
{
    private static readonly Dictionary<string, (string TaskType, JsonObject Input)> Defaults = new(StringComparer.Ordinal)
    {
        ["sora2"] = ("sora2-pro-video", new JsonObject { ["aspect_ratio"] = "16:9", ["resolution"] = "720p", ["duration"] = 4 }),
        ["veo3.1"] = ("veo3.1-video", new JsonObject { ["aspect_ratio"] = "16:9", ["duration"] = "8s", ["resolution"] = "720p", ["generate_audio"] = false }),
        ["veo3"] = ("veo3-video-fast", new JsonObject { ["duration"] = "8s" }),
        ["kling"] = ("video_generation", new JsonObject { ["version"] = "3.0", ["duration"] = 5, ["aspect_ratio"] = "16:9", ["mode"] = "std" }),
        ["seedance"] = ("seedance-2", new JsonObject { ["duration"] = 5, ["resolution"] = "720p" }),
        ["hailuo"] = ("video_generation", new JsonObject { ["model"] = "t2v-01" }),
        ["luma"] = ("video_generation", new JsonObject { ["aspect_ratio"] = "16:9" }),
    };

    public static JsonObject For(DemoArguments arguments)
    {
        var body = new JsonObject { ["model"] = arguments.Model };
        var input = new JsonObject();
        if (arguments.Model.StartsWith("sora-2", StringComparison.Ordinal))
        {
            // The chat-completions previews take a prompt alone and no task type.
            input["prompt"] = arguments.Prompt;
        }
        else
        {
            var known = Defaults.GetValueOrDefault(arguments.Model);
            var taskType = arguments.TaskType ?? known.TaskType ?? throw new ArgumentException($"No demo defaults for model '{arguments.Model}': give --task-type (GET /api/models lists them).");
            body["task_type"] = taskType;
            input["prompt"] = arguments.Prompt;
            if (known.Input is { } defaults && (arguments.TaskType is null || arguments.TaskType == known.TaskType))
            {
                foreach (var (name, value) in defaults)
                {
                    input[name] = value?.DeepClone();
                }
            }
        }

        foreach (var (name, value) in arguments.Input ?? [])
        {
            input[name] = value?.DeepClone();
        }

        body["input"] = input;
        body["metadata"] = new JsonObject { ["source"] = "videovault-demo" };
        body["webhook"] = new JsonObject { ["url"] = arguments.Receiver.AbsoluteUri };
        return body;
    }
}
