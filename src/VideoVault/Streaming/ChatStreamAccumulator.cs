using System.Text;
using System.Text.Json;

namespace VideoVault.Streaming;

/// <summary>
/// Collects the events of one chat completions stream: the content text (bounded), the finish reason
/// and whether <c>[DONE]</c> arrived; says at the end whether the stream delivered a video.
/// </summary>
internal sealed class ChatStreamAccumulator(int maxContentChars)
{
    public const string DoneData = "[DONE]";
    private const string NormalFinish = "stop";
    private const int MaxQuotedChars = 200;

    private readonly StringBuilder content = new();

    public bool Done { get; private set; }

    public string? FinishReason { get; private set; }

    /// <summary>Takes one event's data.</summary>
    /// <exception cref="InvalidStreamException">Not a chunk, an error in the stream, or the content is over its limit.</exception>
    public void Add(string data)
    {
        if (data == DoneData)
        {
            Done = true;
            return;
        }

        ChatCompletionChunk? chunk;
        try
        {
            chunk = JsonSerializer.Deserialize(data, ChatStreamJsonContext.Default.ChatCompletionChunk);
        }
        catch (JsonException)
        {
            throw new InvalidStreamException("A stream event is not a readable chat completion chunk.");
        }

        if (chunk?.Error is { } error)
        {
            throw new InvalidStreamException($"PiAPI reported an error in the stream: {Clip(error.Message ?? "no message")}");
        }

        // One completion was asked for, so only choice 0 carries it.
        foreach (var choice in chunk?.Choices ?? [])
        {
            if (choice.Index != 0)
            {
                continue;
            }

            if (choice.Delta?.Content is { Length: > 0 } text)
            {
                if (content.Length + text.Length > maxContentChars)
                {
                    throw new InvalidStreamException($"The stream's text is longer than {maxContentChars} characters.");
                }

                content.Append(text);
            }

            FinishReason = choice.FinishReason ?? FinishReason;
        }
    }

    public SoraStreamSnapshot Snapshot() => SoraStreamText.Read(content.ToString());

    /// <summary>The outcome once the stream is over (ended, cut or [DONE]): the video link, or why there is none.</summary>
    public ChatStreamVerdict Finish()
    {
        var snapshot = Snapshot();
        if (FinishReason is { } reason && reason != NormalFinish)
        {
            return new ChatStreamVerdict(snapshot, $"The stream finished with finish_reason '{Clip(reason)}' instead of '{NormalFinish}'.");
        }

        if (!Done && FinishReason is null)
        {
            return new ChatStreamVerdict(snapshot, "The stream was cut off before it finished (no finish_reason, no [DONE]).");
        }

        return snapshot.VideoUrl is null
            ? new ChatStreamVerdict(snapshot, "The stream ended without a video link.", LastLine())
            : new ChatStreamVerdict(snapshot, null);
    }

    private string? LastLine()
    {
        var lines = content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? null : Clip(lines[^1].TrimStart('>', ' '));
    }

    private static string Clip(string text) => text.Length <= MaxQuotedChars ? text : string.Concat(text.AsSpan(0, MaxQuotedChars), "…");
}

/// <summary>How a stream ended: <see cref="Failure"/> is null when <see cref="Snapshot"/> holds the video link.</summary>
/// <param name="Failure">Why there is no video, in VideoVault's own words (safe to log).</param>
/// <param name="LastLine">The stream's last line of text when it ended without a link, quoted in <see cref="Error"/> but never logged: it may echo the prompt.</param>
internal sealed record ChatStreamVerdict(SoraStreamSnapshot Snapshot, string? Failure, string? LastLine = null)
{
    /// <summary>The task's error: the failure, and the last line, which says why when PiAPI reports a failed generation in words.</summary>
    public string? Error => LastLine is null ? Failure : $"{Failure} Its last line: \"{LastLine}\"";
}
