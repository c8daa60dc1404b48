namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// How a task's clip is encoded: ffmpeg's moving <c>testsrc2</c> pattern (a running clock and frame counter over
/// colour bars) with the task id written across the bottom, H.264 baseline in MP4.
/// </summary>
/// <param name="Label">How many trailing characters of the task id the clip shows; null shows all of it.</param>
internal sealed record ClipPreset(string Name, int Width, int Height, int FrameRate, int Seconds, int Crf, int FontSize, int? Label)
{
    /// <summary>
    /// The clip of every video of at least its own size (about 51 KB): 3 s at 24 fps, 320x180, the whole task id
    /// legible. Kept under 64 KiB, the chaos test's video size, so that test gets real frames too.
    /// </summary>
    public static ClipPreset Standard { get; } = new("standard", 320, 180, 24, 3, 34, 13, null);

    /// <summary>
    /// The clip of videos smaller than <see cref="Standard"/>'s (about 3.1 KB, well under
    /// <see cref="Faults.FaultSpec.MinimumVideoSize"/>): 1 s at 8 fps, 128x72, the task id's last 8 characters.
    /// </summary>
    public static ClipPreset Tiny { get; } = new("tiny", 128, 72, 8, 1, 44, 14, 8);

    /// <summary>Largest first: a video gets the first whose clip fits its size.</summary>
    public static IReadOnlyList<ClipPreset> BySize { get; } = [Standard, Tiny];

    public string LabelOf(string taskId) => Label is { } length && taskId.Length > length ? taskId[^length..] : taskId;
}
