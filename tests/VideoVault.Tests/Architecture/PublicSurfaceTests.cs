namespace VideoVault.Tests.Architecture;

/// <summary>
/// The core is public only where a host (the dev host, the Functions app) names it; everything else is internal
/// and reached by the tests through InternalsVisibleTo. A type made public, or one a public signature drags out,
/// fails here instead of widening the hosts' contract unseen. A test whose parameters are internal types is itself
/// internal: xunit runs it all the same.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly string[] Expected =
    [
        // The queue triggers and timers of both hosts, and the dev host's own polling of the work queue.
        "VideoVault.Hosting.BackgroundWork",

        // AddVideoVault, and the storage connection the Functions queue triggers bind to.
        "VideoVault.Hosting.VideoVaultServiceCollectionExtensions",

        // The HTTP functions' one call each.
        "VideoVault.Http.ApiHandlers",

        // MapVideoVaultApi, the dev host's routes.
        "VideoVault.Http.VideoVaultApi",

        // The HTTP triggers' routes, constants in attributes.
        "VideoVault.Routes",

        // AddVideoVaultInstrumentation, the spans and metrics both hosts export.
        "VideoVault.Telemetry.OpenTelemetryBuilderExtensions",

        // The queue triggers' queue names, constants in attributes, and the poison queue's name for the dev host.
        "VideoVault.WorkQueueNames",
    ];

    [Fact]
    public void Only_the_types_a_host_names_are_public()
    {
        var exported = typeof(Routes).Assembly.GetExportedTypes().Select(type => type.FullName!).Order(StringComparer.Ordinal);

        Assert.Equal(Expected, exported);
    }

    [Fact]
    public void The_hosts_doors_are_built_by_AddVideoVault_only()
    {
        Assert.All(
            typeof(Routes).Assembly.GetExportedTypes().Where(type => !type.IsAbstract),
            type => Assert.Empty(type.GetConstructors()));
    }
}
