namespace VideoVault.PiApiSimulator.Video.Pattern;

/// <summary>
/// What moves in the test pattern, the same for every task: a 16x16 box sliding 8 pixels a frame across the
/// colour bars and back, and a progress bar along the bottom that grows with the frame index. Everything else
/// stays as the first frame drew it, so a later frame only codes the macroblocks these two touched.
/// </summary>
internal static class Motion
{
    public const int BoxSize = 16;
    public const int BoxTop = 16;
    public const int BoxStep = 8;

    public const int ProgressTop = 100;
    public const int ProgressBottom = 106;

    private const int BoxTravel = (ClipFormat.Width - BoxSize) / BoxStep;

    public static int BoxLeft(int frame)
    {
        var phase = frame % (2 * BoxTravel);
        return BoxStep * (phase <= BoxTravel ? phase : (2 * BoxTravel) - phase);
    }

    /// <summary>The progress bar covers x below this: the whole width at the last frame of a full clip.</summary>
    public static int ProgressEnd(int frame) => (frame + 1) * ClipFormat.Width / ClipFormat.MaxFrames;

    /// <summary>Macroblocks (ascending addresses) where <paramref name="frame"/> differs from the frame before it.</summary>
    public static int[] ChangedMacroblocks(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frame, 1);
        var changed = new SortedSet<int>();

        var boxFrom = Math.Min(BoxLeft(frame - 1), BoxLeft(frame));
        var boxTo = Math.Max(BoxLeft(frame - 1), BoxLeft(frame)) + BoxSize;
        AddRectangle(changed, boxFrom, boxTo, BoxTop, BoxTop + BoxSize);
        AddRectangle(changed, ProgressEnd(frame - 1), ProgressEnd(frame), ProgressTop, ProgressBottom);
        return [.. changed];
    }

    private static void AddRectangle(SortedSet<int> macroblocks, int left, int right, int top, int bottom)
    {
        if (left >= right)
        {
            return;
        }

        for (var row = top / ClipFormat.MacroblockSize; row <= (bottom - 1) / ClipFormat.MacroblockSize; row++)
        {
            for (var column = left / ClipFormat.MacroblockSize; column <= (right - 1) / ClipFormat.MacroblockSize; column++)
            {
                macroblocks.Add((row * ClipFormat.WidthInMacroblocks) + column);
            }
        }
    }
}
