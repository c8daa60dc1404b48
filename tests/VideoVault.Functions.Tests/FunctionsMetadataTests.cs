using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using VideoVault.DevHost;
using VideoVault.Events;
using VideoVault.Hosting;
using VideoVault.Tests.Http;
using VideoVault.Workers;

namespace VideoVault.Functions.Tests;

/// <summary>
/// The functions.metadata the worker SDK generated in the Functions project's build output is what the
/// Functions host indexes: every trigger in it must carry the core's routes, queue, connection and
/// schedule, and its HTTP functions must be exactly the routes the dev host serves.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly IReadOnlyList<(FunctionTrigger Trigger, string EntryPoint)> Metadata =
        FunctionTrigger.ReadMetadata(Path.Combine(FunctionsApp.Output, "functions.metadata"));

    private static readonly FunctionTrigger[] Expected =
    [
        new("SubmitTask", FunctionTrigger.Http, Routes.Tasks, "post", "Function"),
        new("ListTasks", FunctionTrigger.Http, Routes.Tasks, "get", "Function"),
        new("GetTask", FunctionTrigger.Http, Routes.Task, "get", "Function"),
        new("ListTaskEvents", FunctionTrigger.Http, Routes.TaskEvents, "get", "Function"),
        new("RedeliverTaskEvent", FunctionTrigger.Http, Routes.TaskEventRedeliver, "post", "Function"),
        new("PiApiWebhook", FunctionTrigger.Http, Routes.PiApiWebhook, "post", "Anonymous"),
        new("RetryTask", FunctionTrigger.Http, Routes.TaskRetry, "post", "Function"),
        new("DeleteTaskVideo", FunctionTrigger.Http, Routes.TaskVideo, "delete", "Function"),
        new("CancelTask", FunctionTrigger.Http, Routes.TaskCancel, "post", "Function"),
        new("GetSpend", FunctionTrigger.Http, Routes.Spend, "get", "Function"),
        new("ListModels", FunctionTrigger.Http, Routes.Models, "get", "Function"),
        new("ListReceivers", FunctionTrigger.Http, Routes.Receivers, "get", "Function"),
        new("RecoverReceiver", FunctionTrigger.Http, Routes.ReceiverRecover, "post", "Function"),
        new("ResumeReceiver", FunctionTrigger.Http, Routes.ReceiverResume, "post", "Function"),
        new("OpenApiDocument", FunctionTrigger.Http, Routes.OpenApiDocument, "get", "Anonymous"),
        new("ConsolePage", FunctionTrigger.Http, Routes.Console, "get", "Anonymous"),
        new("ConsoleAsset", FunctionTrigger.Http, Routes.ConsoleAsset, "get", "Anonymous"),
        new("ProcessWork", FunctionTrigger.Queue, QueueName: WorkQueueNames.WorkQueueTrigger, Connection: VideoVaultServiceCollectionExtensions.StorageConnectionName),
        new("ProcessPoison", FunctionTrigger.Queue, QueueName: WorkQueueNames.PoisonQueueTrigger, Connection: VideoVaultServiceCollectionExtensions.StorageConnectionName),
        new("ReconcileSweep", FunctionTrigger.Timer, Schedule: ReconcileSweep.Schedule),
        new("EventSweep", FunctionTrigger.Timer, Schedule: EventSweep.Schedule),
    ];

    [Fact]
    public void TheMetadataListsExactlyTheAppsFunctionsWithTheCoresRoutesQueuesAndSchedule()
    {
        Assert.Equal(
            Expected.OrderBy(trigger => trigger.Function, StringComparer.Ordinal),
            Metadata.Select(function => function.Trigger).OrderBy(trigger => trigger.Function, StringComparer.Ordinal));
    }

    [Fact]
    public void OnlyTheWebhookTheOpenApiDocumentAndTheConsolesStaticFilesAreAnonymous()
    {
        var http = Metadata.Select(function => function.Trigger).Where(trigger => trigger.Type == FunctionTrigger.Http).ToList();

        Assert.NotEmpty(http);
        Assert.Equal(
            ["ConsoleAsset", "ConsolePage", "OpenApiDocument", "PiApiWebhook"],
            http.Where(trigger => trigger.AuthLevel != "Function").Select(trigger => trigger.Function).Order(StringComparer.Ordinal));
        Assert.All(http.Where(trigger => trigger.AuthLevel != "Function"), trigger => Assert.Equal("Anonymous", trigger.AuthLevel));
    }

    [Fact]
    public void EveryEntryPointIsTheMethodThatDeclaresTheFunction()
    {
        foreach (var (trigger, entryPoint) in Metadata)
        {
            var separator = entryPoint.LastIndexOf('.');
            var type = typeof(FunctionsAppBuilder).Assembly.GetType(entryPoint[..separator], throwOnError: true)!;
            var method = Assert.Single(type.GetMethods(), method => method.Name == entryPoint[(separator + 1)..]);

            Assert.Equal(trigger.Function, method.GetCustomAttribute<FunctionAttribute>()?.Name);
        }

        Assert.Equal(FunctionsApp.FunctionClasses.Count, Metadata.Count);
    }

    [Fact]
    public async Task TheHttpFunctionsAreTheDevHostRoutes()
    {
        var functions = Metadata.Select(function => function.Trigger)
            .Where(trigger => trigger.Type == FunctionTrigger.Http)
            .SelectMany(trigger => trigger.Methods!.Split(',').Select(method => (Method: method.ToUpperInvariant(), Route: $"{Routes.Prefix}/{trigger.Route}")))
            .ToHashSet();

        await using var devHost = DevHostApp.Build([]);
        var devHostRoutes = ((IEndpointRouteBuilder)devHost).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => (Method: method, Route: endpoint.RoutePattern.RawText!.Trim('/'))))
            .ToHashSet();

        Assert.Equal(devHostRoutes.OrderBy(r => r.Route).ThenBy(r => r.Method), functions.OrderBy(r => r.Route).ThenBy(r => r.Method));
    }

    [Fact]
    public void TheHttpFunctionsAreTheOpenApiDocumentsOperations()
    {
        var functions = Metadata.Select(function => function.Trigger)
            .Where(trigger => trigger.Type == FunctionTrigger.Http)
            .SelectMany(trigger => trigger.Methods!.Split(',').Select(method => (Method: method.ToUpperInvariant(), Route: $"{Routes.Prefix}/{trigger.Route}")))
            .OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal);

        Assert.Equal(
            OpenApiRoutes.Read().OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal),
            functions);
    }
}
