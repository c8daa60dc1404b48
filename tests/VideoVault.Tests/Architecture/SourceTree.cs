using System.Text.RegularExpressions;

namespace VideoVault.Tests.Architecture;

/// <summary>The core's source files as they are in the checkout the tests run from.</summary>
internal static partial class SourceTree
{
    public static string CoreRoot { get; } = FindCoreRoot();

    /// <summary>src/, every project the product ships.</summary>
    public static string SourceRoot => Path.GetDirectoryName(CoreRoot)!;

    public static IEnumerable<string> CoreFiles(string extension) => Files(CoreRoot, extension);

    public static IEnumerable<string> Files(string root, string extension) =>
        Directory.EnumerateFiles(root, "*" + extension, SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"));

    /// <summary>The folder right under src/VideoVault a file sits in, or "(root)" for a file at the top.</summary>
    public static string FolderOf(string path)
    {
        var parts = Path.GetRelativePath(CoreRoot, path).Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[0] : "(root)";
    }

    /// <summary>
    /// The top-level core folders a file's code names, through a using directive or a qualified name; comments,
    /// string literals (resource names) and the file's own namespace line do not count.
    /// </summary>
    public static IEnumerable<string> FoldersNamedIn(string source)
    {
        var code = NamespaceLine().Replace(CommentOrString().Replace(source, " "), " ");
        return CoreNamespace().Matches(code).Select(match => match.Groups["folder"].Value).Distinct();
    }

    [GeneratedRegex(@"//[^\n]*|@?\$?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex CommentOrString();

    [GeneratedRegex(@"^namespace\s[^;]+;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"\bVideoVault\.(?<folder>[A-Z]\w*)\b")]
    private static partial Regex CoreNamespace();

    private static string FindCoreRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var core = Path.Combine(directory.FullName, "src", "VideoVault");
            if (File.Exists(Path.Combine(core, "VideoVault.csproj")))
            {
                return core;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds src/VideoVault/VideoVault.csproj.");
    }
}
