using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VideoVault.Functions.Tests;

/// <summary>
/// The Functions app's own host, built as Program.cs builds it but not run (running needs the Functions
/// host on the other end of the gRPC channel), over the settings of local.settings.sample.json: a
/// missing registration fails here rather than at start-up in Azure.
/// </summary>
public sealed class FunctionsHostTests
{
    [Fact]
    public void EveryFunctionClassIsCreatedFromTheHostsServices()
    {
        using var host = Build([]);

        // The worker creates a function class per invocation, in that invocation's scope.
        using var scope = host.Services.CreateScope();
        Assert.NotEmpty(FunctionsApp.FunctionClasses);
        Assert.All(FunctionsApp.FunctionClasses, type => Assert.IsType(type, ActivatorUtilities.CreateInstance(scope.ServiceProvider, type)));
    }

    [Fact]
    public void TheServicesTheWorkerStartsResolve()
    {
        // The Functions host passes its gRPC endpoint when it starts the worker; the worker's client
        // reads it when it is created, and connects only when the host runs, which this test does not.
        using var host = Build([new("Functions:Worker:HostEndpoint", "http://127.0.0.1:9")]);

        Assert.NotEmpty(host.Services.GetServices<IHostedService>());
    }

    private static IHost Build(IEnumerable<KeyValuePair<string, string?>> hostSettings) =>
        FunctionsAppBuilder.Build([], configuration => configuration.AddInMemoryCollection([.. FunctionsApp.SampleSettings(), .. hostSettings]));
}
