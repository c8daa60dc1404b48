namespace VideoVault.Tests.Architecture;

/// <summary>Small files, one concept each: no source file in src/ grows past a screenful or three.</summary>
public sealed class SourceSizeTests
{
    private const int MaxLines = 300;

    [Theory]
    [InlineData(".cs")]
    [InlineData(".js")]
    public void No_source_file_is_over_the_limit(string extension)
    {
        var files = SourceTree.Files(SourceTree.SourceRoot, extension).ToList();

        var tooLong = files
            .Select(file => (File: Path.GetRelativePath(SourceTree.SourceRoot, file), Lines: File.ReadAllLines(file).Length))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.File} ({file.Lines} lines)");

        Assert.NotEmpty(files);
        Assert.Empty(tooLong);
    }
}
