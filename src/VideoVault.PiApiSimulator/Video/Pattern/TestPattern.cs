namespace VideoVault.PiApiSimulator.Video.Pattern;

/// <summary>
/// The picture of a task's clip: 75% colour bars with a sliding box on top, the task id on a dark band below, and a
/// progress bar at the bottom (see <see cref="Motion"/>). A pure function of the task id, frame and position, so the
/// same task always gets the same pixels; drawn a row at a time straight into a macroblock's I_PCM samples.
/// </summary>
/// <remarks>Every sample is within 16..235, never zero, which keeps the H.264 stream free of emulation prevention.</remarks>
internal sealed class TestPattern(string taskId)
{
    public const int BarsHeight = 48;
    public const int CaptionTop = BarsHeight;
    public const int TrackTop = CaptionTop + Caption.Height;

    private const int BoxBorder = 2;
    private const int Size = ClipFormat.MacroblockSize;
    private const int ChromaSize = Size / 2;
    private const int LumaSamples = Size * Size;
    private const int ChromaSamples = ChromaSize * ChromaSize;
    private const byte NeutralChroma = 128;
    private const int BarWidth = ClipFormat.Width / 8;

    /// <summary>White, yellow, cyan, green, magenta, red, blue, black at 75%.</summary>
    private static readonly YCbCr[] Bars =
    [
        new(180, 128, 128),
        new(162, 44, 142),
        new(131, 156, 44),
        new(112, 72, 58),
        new(84, 184, 198),
        new(65, 100, 212),
        new(35, 212, 114),
        new(16, 128, 128),
    ];

    private const byte Black = 16;
    private const byte White = 235;
    private const byte Band = 40;
    private const byte Progress = 180;

    private readonly Caption caption = new(taskId);

    /// <summary>
    /// Writes the I_PCM samples of one macroblock: 256 luma samples in raster order, then 64 Cb, then 64 Cr (4:2:0,
    /// each chroma sample the colour at the top-left of its 2x2 luma pixels). Only the bars carry colour, and their
    /// edges and the box's are at even positions, so no 2x2 block straddles a change of chroma.
    /// </summary>
    public void RenderMacroblock(int frame, int address, Span<byte> samples)
    {
        var left = address % ClipFormat.WidthInMacroblocks * Size;
        var top = address / ClipFormat.WidthInMacroblocks * Size;
        var boxLeft = Motion.BoxLeft(frame);
        var progressEnd = Motion.ProgressEnd(frame);

        for (var y = 0; y < Size; y++)
        {
            var row = samples.Slice(y * Size, Size);
            var pictureY = top + y;
            if (pictureY < BarsHeight)
            {
                FillBars(row, left, static bar => bar.Y);
            }
            else if (pictureY < TrackTop)
            {
                caption.FillRow(pictureY - CaptionTop, left, row, White, Band);
            }
            else
            {
                row.Fill(Black);
                if (pictureY is >= Motion.ProgressTop and < Motion.ProgressBottom)
                {
                    row[..Math.Clamp(progressEnd - left, 0, Size)].Fill(Progress);
                }
            }

            DrawBoxRow(row, left, pictureY, boxLeft, static (x, y) => x < BoxBorder || x >= Motion.BoxSize - BoxBorder || y < BoxBorder || y >= Motion.BoxSize - BoxBorder ? Black : White);
        }

        var cb = samples.Slice(LumaSamples, ChromaSamples);
        var cr = samples.Slice(LumaSamples + ChromaSamples, ChromaSamples);
        for (var y = 0; y < ChromaSize; y++)
        {
            var pictureY = top + (2 * y);
            var cbRow = cb.Slice(y * ChromaSize, ChromaSize);
            var crRow = cr.Slice(y * ChromaSize, ChromaSize);
            if (pictureY < BarsHeight)
            {
                FillBars(cbRow, left, static bar => bar.Cb);
                FillBars(crRow, left, static bar => bar.Cr);
                DrawBoxRow(cbRow, left, pictureY, boxLeft, static (_, _) => NeutralChroma);
                DrawBoxRow(crRow, left, pictureY, boxLeft, static (_, _) => NeutralChroma);
            }
            else
            {
                cbRow.Fill(NeutralChroma);
                crRow.Fill(NeutralChroma);
            }
        }
    }

    /// <summary>One row of the bars from picture column <paramref name="left"/>, at full or (chroma) half resolution.</summary>
    private static void FillBars(Span<byte> row, int left, Func<YCbCr, byte> component)
    {
        var step = Size / row.Length;
        var x = 0;
        while (x < row.Length)
        {
            var bar = (left + (x * step)) / BarWidth;
            var end = Math.Min(row.Length, (((bar + 1) * BarWidth) - left) / step);
            row[x..end].Fill(component(Bars[bar]));
            x = end;
        }
    }

    /// <summary>Overwrites the part of a row the box covers, if any, with <paramref name="sample"/> of each box pixel.</summary>
    private static void DrawBoxRow(Span<byte> row, int left, int pictureY, int boxLeft, Func<int, int, byte> sample)
    {
        var boxY = pictureY - Motion.BoxTop;
        if (boxY is < 0 or >= Motion.BoxSize)
        {
            return;
        }

        var step = Size / row.Length;
        for (var x = 0; x < row.Length; x++)
        {
            var boxX = left + (x * step) - boxLeft;
            if (boxX is >= 0 and < Motion.BoxSize)
            {
                row[x] = sample(boxX, boxY);
            }
        }
    }
}

/// <summary>A colour as 8-bit limited-range samples (BT.601), the values I_PCM macroblocks carry.</summary>
internal readonly record struct YCbCr(byte Y, byte Cb, byte Cr);
