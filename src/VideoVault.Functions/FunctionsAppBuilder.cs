using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoVault.Hosting;
using VideoVault.Telemetry;

namespace VideoVault.Functions;

/// <summary>The Functions app's host, built here rather than in Program.cs so a test can build the same host without running it.</summary>
public static class FunctionsAppBuilder
{
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <param name="configure">Adds configuration sources after the worker's own, so they win (tests).</param>
    /// <param name="configureServices">Adds services after the app's (tests: an in-memory telemetry exporter).</param>
    public static IHost Build(string[] args, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        configure?.Invoke(builder.Configuration);

        // ASP.NET Core integration: the functions take HttpRequest and return the core's IResult, as on the dev host.
        builder.ConfigureFunctionsWebApplication();

        // The worker's logs, traces and metrics go out through OpenTelemetry (host.json's telemetryMode
        // makes the host do the same), to Application Insights when its connection string is set.
        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .AddVideoVaultInstrumentation();
        var connectionString = builder.Configuration[ApplicationInsightsConnectionString];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var credential = AzureMonitorCredential.FromAuthenticationString(builder.Configuration[AzureMonitorCredential.SettingName]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        }

        // The one registration the dev host calls too.
        builder.Services.AddVideoVault(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        return builder.Build();
    }
}
