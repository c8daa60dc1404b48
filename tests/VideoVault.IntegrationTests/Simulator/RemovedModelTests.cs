using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.PiApiSimulator;
using VideoVault.PiApiSimulator.Families;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>A model or task type switched to "removed" answers create like PiAPI does for a model it no longer serves.</summary>
public sealed class RemovedModelTests
{
    [Fact]
    public async Task A_removed_model_answers_500_while_its_old_tasks_still_read_and_others_still_work()
    {
        await using var simulator = await StartAsync();
        var before = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("veo3", "made in time"));

        using var put = await simulator.Client.PutAsJsonAsync("admin/removed-models", new { removed_models = new[] { "veo3" } });
        var (removed, answer) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Valid("veo3", "too late"));
        var (sibling, _) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Valid("veo3.1", "the newer one"));
        var old = await simulator.Client.GetAsync($"api/v1/task/{before}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, removed);
        Assert.Equal("""{"code":500,"data":null,"message":"failed to create task: model not found"}""", answer.GetRawText());
        Assert.Equal(HttpStatusCode.OK, sibling);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal(1, simulator.Ledger.RemovedModelRefusals);
        Assert.DoesNotContain(simulator.Ledger.Tasks, entry => entry.Prompt == "too late");

        using var restore = await simulator.Client.PutAsJsonAsync("admin/removed-models", new { removed_models = Array.Empty<string>() });
        var (back, _) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Valid("veo3", "back again"));
        Assert.Equal(HttpStatusCode.OK, back);
    }

    [Fact]
    public async Task A_removed_task_type_names_it_and_leaves_the_models_other_types()
    {
        await using var simulator = await StartAsync();
        simulator.Removals.Replace(["kling/omni_video_generation"]);

        var (omni, answer) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Valid("kling-omni", "gone"));
        var (kling3, _) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Valid("kling-3.0", "still here"));

        Assert.Equal(HttpStatusCode.InternalServerError, omni);
        Assert.Equal("""{"code":500,"data":null,"message":"failed to create task: task_type omni_video_generation not supported"}""", answer.GetRawText());
        Assert.Equal(HttpStatusCode.OK, kling3);
    }

    [Fact]
    public async Task The_setting_applies_at_start_and_is_read_live()
    {
        await using var simulator = await StartAsync("--Simulator:RemovedModels:0=sora2");
        var (sora, answer) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Valid("sora2", "shut down upstream"));
        var (luma, _) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Valid("luma", "before the switch"));

        simulator.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Simulator:RemovedModels:1"] = "luma" });
        var (lumaAfter, _) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Valid("luma", "after the switch"));

        Assert.Equal(HttpStatusCode.InternalServerError, sora);
        Assert.Equal("failed to create task: model not found", answer.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, luma);
        Assert.Equal(HttpStatusCode.InternalServerError, lumaAfter);
        Assert.Equal(["luma", "sora2"], simulator.Removals.Current.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_admin_route_wants_the_key_and_known_names()
    {
        await using var simulator = await StartAsync("--Simulator:RemovedModels:0=hailuo");

        using var anonymous = await simulator.Anonymous.PutAsJsonAsync("admin/removed-models", new { removed_models = new[] { "veo3" } });
        using var unknown = await simulator.Client.PutAsJsonAsync("admin/removed-models", new { removed_models = new[] { "sora3" } });
        using var listed = await simulator.Client.GetAsync("admin/removed-models");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'sora3'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("""{"removed_models":[],"effective":["hailuo"]}""", await listed.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("--Simulator:RemovedModels:0=sora3")]
    [InlineData("--Simulator:RemovedModels:0=kling/text_to_video")]
    public async Task Unknown_removed_models_stop_the_start(string setting)
    {
        await using var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=None", setting]);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Simulator:RemovedModels", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<RunningSimulator> StartAsync(params string[] settings)
    {
        var app = SimulatorApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. settings],
            options =>
            {
                options.ApiKey = SimulatorFixture.ApiKey;
                options.StepDelay = SimulatorFixture.StepDelay;
            });
        await app.StartAsync();
        return new RunningSimulator(app);
    }

    private sealed class RunningSimulator(Microsoft.AspNetCore.Builder.WebApplication app) : IAsyncDisposable
    {
        public HttpClient Client { get; } = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), DefaultRequestHeaders = { { "X-API-Key", SimulatorFixture.ApiKey } } };

        public HttpClient Anonymous { get; } = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        public ModelRemovals Removals => app.Services.GetRequiredService<ModelRemovals>();

        public PiApiSimulator.Ledger.SimulatorLedger Ledger => app.Services.GetRequiredService<PiApiSimulator.Ledger.SimulatorLedger>();

        /// <summary>The app's live configuration (a <c>ConfigurationManager</c>): a source added here reloads the options.</summary>
        public IConfigurationBuilder Configuration => (IConfigurationBuilder)app.Configuration;

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            Anonymous.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
