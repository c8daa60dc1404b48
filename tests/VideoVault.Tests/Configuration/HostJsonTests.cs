using System.Globalization;
using System.Text.Json;
using VideoVault.DevHost.Queues;
using VideoVault.Storage;

namespace VideoVault.Tests.Configuration;

/// <summary>The one host.json at the root serves the Functions host and the dev host alike.</summary>
public sealed class HostJsonTests
{
    private static readonly string HostJsonPath = RepositoryFiles.PathOf("host.json");

    [Fact]
    public void TheDevHostReadsTheQueueSettingsHostJsonHolds()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(HostJsonPath));
        var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");

        var settings = QueueTriggerSettings.Load(HostJsonPath);

        Assert.Equal(queues.GetProperty("batchSize").GetInt32(), settings.BatchSize);
        Assert.Equal(queues.GetProperty("maxDequeueCount").GetInt32(), settings.MaxDequeueCount);
        Assert.Equal(Span(queues, "visibilityTimeout"), settings.VisibilityTimeout);
        Assert.Equal(Span(queues, "maxPollingInterval"), settings.MaxPollingInterval);
        Assert.Equal(queues.GetProperty("messageEncoding").GetString(), settings.MessageEncoding.ToString(), ignoreCase: true);
    }

    [Fact]
    public void HostJsonMatchesWhatTheAppAssumes()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(HostJsonPath));
        var root = document.RootElement;
        var extensions = root.GetProperty("extensions");

        Assert.Equal("2.0", root.GetProperty("version").GetString());

        // Both hosts serve the routes below Routes.Prefix ("api", the Functions default).
        var prefix = extensions.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var routePrefix)
            ? routePrefix.GetString()
            : "api";
        Assert.Equal(Routes.Prefix, prefix);

        // The app writes work items in the encoding its work-queue client is built with ("none": it decodes
        // them itself, so none can fail to decode in the host); the triggers must read the same.
        Assert.Equal(StorageClientFactory.WorkQueueEncoding.ToString(), extensions.GetProperty("queues").GetProperty("messageEncoding").GetString(), ignoreCase: true);

        // A function is stopped at functionTimeout, so a copy can never outlive its archive lease and race its successor.
        Assert.True(Span(root, "functionTimeout") <= new VideoVaultOptions().ArchiveLease);
    }

    private static TimeSpan Span(JsonElement element, string name) =>
        TimeSpan.Parse(element.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
}
