using VideoVault.PiApiSimulator.Video.H264;
using VideoVault.PiApiSimulator.Video.Mp4;
using VideoVault.PiApiSimulator.Video.Pattern;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// The slice layout of every frame a clip can have and the exact file size of a clip of each length. Neither depends
/// on the task (only the pixels do), so both are computed once, and a video's length is chosen before a byte is sent.
/// </summary>
internal static class ClipPlan
{
    private static readonly SliceLayout[] Layouts =
    [
        SliceLayout.Instantaneous(),
        .. Enumerable.Range(1, ClipFormat.MaxFrames - 1).Select(frame => SliceLayout.Predicted(frame, Motion.ChangedMacroblocks(frame))),
    ];

    /// <summary>Index: frame count; value: size of the whole clip file, padding excluded.</summary>
    private static readonly long[] ClipSizes =
    [
        ClipHeader.FileType.Length,
        .. Enumerable.Range(1, ClipFormat.MaxFrames).Select(frames =>
        {
            var sampleSizes = SampleSizes(frames);
            return (long)ClipHeader.Build(sampleSizes, 0).Length + sampleSizes.Sum();
        }),
    ];

    /// <summary>The smallest size that holds a playable clip (one frame); below it a video is an <c>ftyp</c> box and padding.</summary>
    public static long SmallestPlayableSize => ClipSizes[1];

    public static SliceLayout Frame(int index) => Layouts[index];

    public static int[] SampleSizes(int frames) => [.. Layouts.Take(frames).Select(layout => layout.SampleSize)];

    /// <summary>Size of a clip of <paramref name="frames"/> frames; 0 frames is the <c>ftyp</c> box alone.</summary>
    public static long ClipSize(int frames) => ClipSizes[frames];

    /// <summary>The most frames, up to <see cref="ClipFormat.MaxFrames"/>, whose clip fits in <paramref name="size"/> bytes; 0 when not even one does.</summary>
    public static int FramesFor(long size)
    {
        var frames = ClipFormat.MaxFrames;
        while (frames > 0 && ClipSizes[frames] > size)
        {
            frames--;
        }

        return frames;
    }
}
