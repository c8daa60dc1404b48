namespace VideoVault.Tests.Configuration;

/// <summary>Files of the repository itself (not copies in the build output), found from the test's folder.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Functions.sln in {AppContext.BaseDirectory} or any folder above it.");
    });

    public static string PathOf(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));
}
