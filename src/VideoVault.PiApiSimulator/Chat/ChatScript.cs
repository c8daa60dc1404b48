using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using VideoVault.PiApiSimulator.Faults;
using VideoVault.PiApiSimulator.Hosting;

namespace VideoVault.PiApiSimulator.Chat;

/// <summary>
/// The text a Sora 2 chat completion streams, piece by piece, in the vendor's pattern: the prompt echoed as a
/// fenced JSON block, the task id with its data links, "Queuing...", "Generating.", "Progress 44..61..", then a
/// markdown preview image and the <c>.mp4</c> link. A null piece is a chunk with an empty <c>delta</c>.
/// </summary>
internal sealed partial record ChatScript(IReadOnlyList<string?> Opening, IReadOnlyList<string> Progress, string Ending, string FinishReason)
{
    public static ChatScript Build(string prompt, string taskId, FaultSpec faults, SimulatorAddress address)
    {
        var baseUri = address.BaseUri;
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(taskId));

        var opening = new List<string?> { "```", "json", "", "\n", "{", "\n", "  \"", "prompt", "\":", " \"" };
        opening.AddRange(Words(JsonEncodedText.Encode(prompt, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString()));
        opening.AddRange(["\",", "\n", "  \"", "orientation", "\":", " \"", Orientation(prompt), "\"", "\n", "}", "\n", "```", "", "", "", "", null]);
        opening.Add($"\n\n> ID: `{taskId}`\n>[Data Preview]({new Uri(baseUri, $"web/{taskId}")}) | [Source Data]({new Uri(baseUri, $"source/{taskId}")})\n> Queuing");
        opening.AddRange([".", ".", ".", "\n> Generating", "."]);

        var progress = ProgressSteps(seed).Select((percent, index) => (index == 0 ? "\n\n>🏃 Progress " : "") + percent + "..").ToList();

        var sid = "s_" + Convert.ToHexStringLower(seed, 0, 16);
        var ending = faults.Fail ? $"\n\n> Generation failed ❌\n> sid: {sid}\n> reason: simulated failure requested by the [sim:fail] prompt tag"
            : faults.NoLink ? $"\n\n> Generation complete ✅\n> sid: {sid}\n"
            : $"\n\n> Generation complete ✅\n> sid: {sid}\n\n![{address.PreviewUrl(taskId)}]({address.PreviewUrl(taskId)})\n[Play online▶️]({address.VideoUrl(taskId)})";

        return new ChatScript(opening, progress, ending, faults.FinishReason ?? "stop");
    }

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(match => match.Value);

    /// <summary>The vendor echoes portrait unless the prompt asks otherwise.</summary>
    private static string Orientation(string prompt) =>
        LandscapePattern().IsMatch(prompt) ? "landscape" : "portrait";

    /// <summary>Four rising percentages, the same for the same task.</summary>
    private static int[] ProgressSteps(byte[] seed)
    {
        var steps = new int[4];
        var percent = 30 + (seed[16] % 20);
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = Math.Min(percent, 99);
            percent += 5 + (seed[17 + i] % 12);
        }

        return steps;
    }

    [GeneratedRegex(@"\s*[\p{L}\p{N}_']+|\s*[^\s\p{L}\p{N}_']|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex("landscape|horizontal|16:9", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LandscapePattern();
}
