namespace VideoVault.PiApiSimulator.Video.Pattern;

/// <summary>
/// The task id laid out in the caption band: the font at twice its size, up to 3 centred lines of up to 16
/// characters (48 in all, more than any id the simulator issues), the lines as even as the length allows.
/// </summary>
internal sealed class Caption
{
    public const int Height = 48;

    private const int Scale = 2;
    private const int CellWidth = (BitmapFont.GlyphWidth + 1) * Scale;
    private const int CellHeight = (BitmapFont.GlyphHeight + 1) * Scale;
    private const int MaxLines = Height / CellHeight;
    private const int MaxLineLength = ClipFormat.Width / CellWidth;

    private readonly int[][] lines;
    private readonly int[] lefts;
    private readonly int top;

    public Caption(string text)
    {
        var shown = text.Length > MaxLines * MaxLineLength ? text[..(MaxLines * MaxLineLength)] : text;
        var lineCount = Math.Max(1, (shown.Length + MaxLineLength - 1) / MaxLineLength);
        var lineLength = Math.Max(1, (shown.Length + lineCount - 1) / lineCount);
        lines = [.. shown.Chunk(lineLength).Select(line => line.Select(BitmapFont.GlyphOf).ToArray())];
        lefts = [.. lines.Select(line => ((ClipFormat.Width - (line.Length * CellWidth)) / 2) + (Scale / 2))];
        top = ((Height - (lines.Length * CellHeight)) / 2) + (Scale / 2);
    }

    /// <summary>
    /// Draws row <paramref name="y"/> of the band (relative to its top) from picture column <paramref name="left"/>
    /// into <paramref name="row"/>: <paramref name="ink"/> where a letter is, <paramref name="background"/> elsewhere.
    /// </summary>
    public void FillRow(int y, int left, Span<byte> row, byte ink, byte background)
    {
        row.Fill(background);
        var line = (y - top) / CellHeight;
        var glyphRow = (y - top) % CellHeight / Scale;
        if (y < top || line >= lines.Length || glyphRow >= BitmapFont.GlyphHeight)
        {
            return;
        }

        var glyphs = lines[line];
        for (var x = 0; x < row.Length; x++)
        {
            var offset = left + x - lefts[line];
            var cell = offset / CellWidth;
            var column = offset % CellWidth / Scale;
            if (offset >= 0 && cell < glyphs.Length && column < BitmapFont.GlyphWidth && BitmapFont.IsInk(glyphs[cell], column, glyphRow))
            {
                row[x] = ink;
            }
        }
    }
}
