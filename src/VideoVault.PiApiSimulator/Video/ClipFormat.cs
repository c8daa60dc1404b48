namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// The fixed shape of every clip the simulator serves: 192x108 (16:9, coded as 12x7 macroblocks with the bottom
/// 4 lines cropped), 12 frames a second, at most 3 s. Small enough that a clip of raw I_PCM pictures fits the few
/// hundred KiB the chaos tests ask for, large enough for a readable task id.
/// </summary>
internal static class ClipFormat
{
    public const int Width = 192;
    public const int Height = 108;

    public const int MacroblockSize = 16;
    public const int WidthInMacroblocks = Width / MacroblockSize;
    public const int HeightInMacroblocks = (Height + MacroblockSize - 1) / MacroblockSize;
    public const int MacroblockCount = WidthInMacroblocks * HeightInMacroblocks;
    public const int CodedHeight = HeightInMacroblocks * MacroblockSize;

    public const int FramesPerSecond = 12;
    public const int MaxFrames = 3 * FramesPerSecond;

    /// <summary>Media and movie timescale: a multiple of the frame rate, so every frame lasts a whole number of ticks.</summary>
    public const int Timescale = FramesPerSecond * 1000;
    public const int FrameDuration = Timescale / FramesPerSecond;
}
