namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>Finds the repository checkout the tests run from, where npm installed Azurite.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")) && Directory.Exists(Path.Combine(directory.FullName, "node_modules")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds both package.json and node_modules. Run 'npm ci' in the repository root to install Azurite.");
    }

    public static string AzuriteScript()
    {
        var root = Find();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        return File.Exists(script)
            ? script
            : throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run 'npm ci' in {root}.");
    }
}
