using System.Diagnostics;

namespace VideoVault.Functions.Tests;

/// <summary>
/// <c>dotnet publish -c Release</c> of the Functions project, what Core Tools and a deployment upload,
/// holds what the Functions host needs to start the worker and never the local settings with their keys.
/// </summary>
public sealed class PublishTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    [Trait("Category", "Publish")]
    public async Task ThePublishedAppHasTheHostFilesAndNoLocalSettings()
    {
        var localSettings = Path.Combine(FunctionsApp.ProjectDirectory, "local.settings.json");
        var createdLocalSettings = !File.Exists(localSettings);
        var output = Directory.CreateTempSubdirectory("videovault-publish-");
        try
        {
            // A local.settings.json must be there to prove publishing leaves it out.
            if (createdLocalSettings)
            {
                File.Copy(Path.Combine(FunctionsApp.RepositoryRoot, "local.settings.sample.json"), localSettings);
            }

            await PublishAsync(output.FullName);

            Assert.True(File.Exists(Path.Combine(output.FullName, "host.json")), "host.json is not published.");
            Assert.True(File.Exists(Path.Combine(output.FullName, "functions.metadata")), "functions.metadata is not published.");
            Assert.True(File.Exists(Path.Combine(output.FullName, "worker.config.json")), "worker.config.json is not published.");
            Assert.Empty(Directory.EnumerateFiles(output.FullName, "local.settings.json", SearchOption.AllDirectories));
        }
        finally
        {
            if (createdLocalSettings)
            {
                File.Delete(localSettings);
            }

            output.Delete(recursive: true);
        }
    }

    private static async Task PublishAsync(string output)
    {
        // The dotnet that runs the tests (dotnet test sets DOTNET_HOST_PATH), so the publish uses the same SDK.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { "publish", FunctionsApp.ProjectFile, "-c", "Release", "-o", output, "--nologo", "-nodeReuse:false" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish took longer than {PublishTimeout}:\n{await stdout}");
        }

        Assert.True(process.ExitCode == 0, $"dotnet publish exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }
}
