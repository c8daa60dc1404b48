using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using VideoVault.DevHost;

namespace VideoVault.Tests.Configuration;

/// <summary>
/// src/VideoVault.Functions cannot be compiled here, so its sources are read as text: every trigger
/// takes its route, queue and connection from the core's constants, and the HTTP functions are
/// exactly the routes the dev host maps.
/// </summary>
public sealed partial class FunctionsHostParityTests
{
    private static readonly string[] FunctionSources =
        [.. Directory.EnumerateFiles(RepositoryFiles.PathOf("src", "VideoVault.Functions"), "*Function.cs").Select(File.ReadAllText)];

    [Fact]
    public async Task TheHttpFunctionsAreTheDevHostRoutes()
    {
        var functions = FunctionSources.SelectMany(source => HttpTrigger().Matches(source))
            .Select(match => (Method: match.Groups["method"].Value.ToUpperInvariant(), Route: $"{Routes.Prefix}/{RouteConstant(match.Groups["route"].Value)}"))
            .ToHashSet();

        await using var devHost = DevHostApp.Build([]);
        var devHostRoutes = ((IEndpointRouteBuilder)devHost).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => (Method: method, Route: endpoint.RoutePattern.RawText!.Trim('/'))))
            .ToHashSet();

        Assert.Equal(FunctionSources.Sum(source => Occurrences(source, "[HttpTrigger(")), functions.Count);
        Assert.Equal(devHostRoutes.OrderBy(r => r.Route).ThenBy(r => r.Method), functions.OrderBy(r => r.Route).ThenBy(r => r.Method));
    }

    [Fact]
    public void OnlyTheWebhookIsAnonymous()
    {
        var levels = FunctionSources.SelectMany(source => HttpTrigger().Matches(source))
            .ToDictionary(match => RouteConstant(match.Groups["route"].Value) + " " + match.Groups["method"].Value, match => match.Groups["level"].Value);

        Assert.All(levels, pair => Assert.Equal(pair.Key.StartsWith(Routes.PiApiWebhook + " ", StringComparison.Ordinal) ? "Anonymous" : "Function", pair.Value));
    }

    [Fact]
    public void TheQueueTriggersAreTheWorkQueueAndItsPoisonQueueOnTheAppsStorageConnection()
    {
        var queues = FunctionSources.SelectMany(source => QueueTrigger().Matches(source))
            .Select(match => match.Groups["queue"].Value)
            .Order(StringComparer.Ordinal);

        Assert.Equal(FunctionSources.Sum(source => Occurrences(source, "[QueueTrigger(")), queues.Count());
        Assert.Equal([nameof(WorkQueueNames.PoisonQueueTrigger), nameof(WorkQueueNames.WorkQueueTrigger)], queues);
    }

    private static string RouteConstant(string name) =>
        (string)typeof(Routes).GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    private static int Occurrences(string text, string value) =>
        (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    [GeneratedRegex(@"\[HttpTrigger\(AuthorizationLevel\.(?<level>\w+), ""(?<method>\w+)"", Route = Routes\.(?<route>\w+)\)\]")]
    private static partial Regex HttpTrigger();

    [GeneratedRegex(@"\[QueueTrigger\(WorkQueueNames\.(?<queue>\w+), Connection = VideoVaultServiceCollectionExtensions\.StorageConnectionName\)\]")]
    private static partial Regex QueueTrigger();
}
