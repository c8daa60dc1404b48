namespace VideoVault.Streaming;

/// <summary>What the text of a Sora 2 chat completion has said so far.</summary>
/// <param name="TaskId">PiAPI's task id from the <c>&gt; ID: `task_...`</c> line.</param>
/// <param name="Generating">Whether PiAPI has started generating (a "Generating" line or a progress figure).</param>
/// <param name="Progress">The highest progress figure so far, 0 to 100.</param>
/// <param name="PreviewUrl">The preview image (the markdown image).</param>
/// <param name="VideoUrl">The video (the markdown link to an <c>.mp4</c>).</param>
internal sealed record SoraStreamSnapshot(string? TaskId, bool Generating, int? Progress, Uri? PreviewUrl, Uri? VideoUrl);
