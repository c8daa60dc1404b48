using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoVault.DevHost;

namespace VideoVault.Functions.Tests;

/// <summary>
/// The log levels the worker, the dev host and host.json ship with: framework chatter (ASP.NET Core's result
/// lines, HttpClient's four lines per call) off below Warning, Azure.Core's warnings (throttling,
/// authentication) still on, and the app's own Information history on.
/// </summary>
public sealed class ShippedLogLevelTests
{
    public static readonly TheoryData<string, LogLevel, bool> Levels = new()
    {
        { "Microsoft.AspNetCore.Http.Result.JsonResult", LogLevel.Information, false },
        { "Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Information, false },
        { "Microsoft.AspNetCore.Server.Kestrel", LogLevel.Warning, true },
        { "System.Net.Http.HttpClient.piapi.LogicalHandler", LogLevel.Information, false },
        { "System.Net.Http.HttpClient.video-download.ClientHandler", LogLevel.Warning, true },
        { "Azure.Core", LogLevel.Information, false },
        { "Azure.Core", LogLevel.Warning, true },
        { "VideoVault.Tasks.TaskIntake", LogLevel.Information, true },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public void The_worker_logs_at_the_shipped_levels(string category, LogLevel level, bool enabled)
    {
        using var host = FunctionsAppBuilder.Build([], configuration => configuration.AddInMemoryCollection(FunctionsApp.SampleSettings()));

        Assert.Equal(enabled, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(level));
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task The_dev_host_logs_at_the_shipped_levels(string category, LogLevel level, bool enabled)
    {
        await using var devHost = DevHostApp.Build([], builder => builder.Configuration.AddInMemoryCollection(FunctionsApp.SampleSettings()));

        Assert.Equal(enabled, devHost.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(level));
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("System.Net.Http")]
    [InlineData("Azure.Core")]
    public void Host_json_keeps_the_same_categories_at_warning(string category)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsApp.Output, "host.json")));

        // Warning, not Error: Azure.Core's warnings are where throttling and authentication failures show.
        Assert.Equal("Warning", document.RootElement.GetProperty("logging").GetProperty("logLevel").GetProperty(category).GetString());
    }
}
