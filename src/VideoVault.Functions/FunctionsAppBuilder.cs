using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VideoVault.Functions;

/// <summary>The Functions app's host, built here rather than in Program.cs so a test can build the same host without running it.</summary>
public static class FunctionsAppBuilder
{
    /// <summary>The provider the Application Insights logger registers its default filter rule for.</summary>
    private const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <param name="configure">Adds configuration sources after the worker's own, so they win (tests).</param>
    public static IHost Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        configure?.Invoke(builder.Configuration);

        // ASP.NET Core integration: the functions take HttpRequest and return the core's IResult, as on the dev host.
        builder.ConfigureFunctionsWebApplication();

        // The worker sends its own logs, traces and dependencies straight to Application Insights
        // (APPLICATIONINSIGHTS_CONNECTION_STRING, authenticated by APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

        // The Application Insights logger adds a rule that keeps only Warning and above. The app's
        // Information logs are a task's history (created, submitted, archived), which is what one looks
        // up in Application Insights, so they follow the app's configured levels like every other provider.
        builder.Services.Configure<LoggerFilterOptions>(options =>
        {
            var warningsOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsLoggerProvider);
            if (warningsOnly is not null)
            {
                options.Rules.Remove(warningsOnly);
            }
        });

        // The one registration the dev host calls too.
        builder.Services.AddVideoVault(builder.Configuration);

        return builder.Build();
    }
}
