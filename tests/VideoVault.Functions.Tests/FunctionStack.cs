using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.PiApiSimulator;
using VideoVault.PiApiSimulator.Hosting;

namespace VideoVault.Functions.Tests;

/// <summary>
/// The Functions app's own host (not run: there is no Functions host to talk to) over a real Azurite
/// and the PiAPI simulator, so its function classes can be invoked as the worker invokes them. PiAPI's
/// webhooks go to a closed port: the tests deliver them to the webhook function themselves.
/// </summary>
public sealed class FunctionStack : IAsyncLifetime
{
    public const string SimulatorApiKey = "functions-sim-key";

    private AzuriteProcess? _azurite;
    private WebApplication? _simulator;
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    public Uri SimulatorUri => _simulator!.Services.GetRequiredService<SimulatorAddress>().BaseUri;

    public string WorkQueue { get; } = "work" + Guid.NewGuid().ToString("N")[..20];

    public AzuriteProcess Azurite => _azurite!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _simulator = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], options =>
        {
            options.ApiKey = SimulatorApiKey;
            options.StepDelay = TimeSpan.FromMilliseconds(50);
            options.WebhookAttempts = 1;
            options.DefaultVideoSize = 256 * 1024;
        });
        await _simulator.StartAsync();
        _host = FunctionsAppBuilder.Build([], configuration => configuration.AddInMemoryCollection(FunctionsApp.SampleSettings()).AddInMemoryCollection(
        [
            new("VideoVaultStorage", _azurite.ConnectionString),
            new("VideoVault:PublicBaseUrl", "http://127.0.0.1:9/"),
            new("VideoVault:TaskTable", "tasks" + Guid.NewGuid().ToString("N")[..20]),
            new("VideoVault:WorkQueue", WorkQueue),
            new("VideoVault:VideoContainer", "videos" + Guid.NewGuid().ToString("N")[..20]),
            new("VideoVault:ReconcileDelay", "01:00:00"),
            new("VideoVault:SweepStaleAfter", "00:00:01"),
            new("PiApi:BaseUrl", SimulatorUri.AbsoluteUri),
            new("PiApi:ApiKey", SimulatorApiKey),
        ]));
    }

    public T Create<T>(IServiceScope scope) => ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider);

    /// <summary>A request as the ASP.NET Core integration hands it to an HTTP function.</summary>
    public static HttpContext Context(IServiceScope scope, string method, string? json = null, string? query = null)
    {
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = method;
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString(query);
        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Runs the result the function returned, as the integration does, and reads the answer.</summary>
    public static async Task<(int Status, JsonElement Body)> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>PiAPI's own view of one of its tasks.</summary>
    public async Task<JsonElement> PiApiTaskAsync(string piApiTaskId)
    {
        using var http = new HttpClient { BaseAddress = SimulatorUri };
        http.DefaultRequestHeaders.Add("X-API-Key", SimulatorApiKey);
        using var document = JsonDocument.Parse(await http.GetStringAsync($"api/v1/task/{piApiTaskId}"));
        return document.RootElement.GetProperty("data").Clone();
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        if (_simulator is not null)
        {
            await _simulator.StopAsync();
            await _simulator.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
