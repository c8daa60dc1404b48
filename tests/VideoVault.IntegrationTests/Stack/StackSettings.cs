using Microsoft.Extensions.DependencyInjection;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>Knobs a test may turn before the stack starts; defaults keep every flow within seconds.</summary>
public sealed class StackSettings
{
    public Dictionary<string, string?> Configuration { get; } = new()
    {
        ["VideoVault:InlineCopyBudget"] = "00:00:05",
        ["VideoVault:ArchiveLease"] = "00:00:20",
        ["VideoVault:ReconcileDelay"] = "00:00:03",
        ["VideoVault:ReconcileInterval"] = "00:00:01",
        ["VideoVault:UncertainSubmitGrace"] = "00:00:02",
        ["VideoVault:RetryBaseDelay"] = "00:00:00.200",
        ["VideoVault:RetryMaxDelay"] = "00:00:01",
        ["VideoVault:MaxTaskAge"] = "00:05:00",
        ["VideoVault:MaxSubmitAttempts"] = "5",
        ["VideoVault:MaxArchiveAttempts"] = "3",
        ["Archive:AllowedHosts:0"] = "127.0.0.1",
        ["Archive:IdleTimeout"] = "00:00:02",
        ["PiApi:Timeout"] = "00:00:05",
        ["WebhookSigning:Keys:k1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["WebhookSigning:CurrentKeyId"] = "k1",
        ["Events:SigningSecrets:0"] = EventSecret,
        ["Events:AllowedHosts:0"] = "127.0.0.1",
        ["Events:ConnectTimeout"] = "00:00:02",
        ["Events:ResponseTimeout"] = "00:00:03",
        ["Events:RetrySchedule:0"] = "00:00:00.200",
        ["Events:RetrySchedule:1"] = "00:00:00.400",
        ["Events:RetrySchedule:2"] = "00:00:00.800",
        ["Events:RetrySchedule:3"] = "00:00:01.600",
    };

    /// <summary>The stack's Standard Webhooks signing secret, which the simulator's receiver checks too.</summary>
    public const string EventSecret = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    public TimeSpan SimulatorStepDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    public long DefaultVideoSize { get; set; } = 1024 * 1024 + 17;

    /// <summary>Models (or <c>model/task_type</c>) the simulator answers like PiAPI answers a model it no longer serves.</summary>
    public List<string> SimulatorRemovedModels { get; } = [];

    /// <summary>HTTP attempts the simulator makes per webhook before it gives the webhook up.</summary>
    public int SimulatorWebhookAttempts { get; set; } = 4;

    /// <summary>Whether the dev host also logs to the console (the test captures every line either way); off for long runs.</summary>
    public bool ConsoleLogs { get; set; } = true;

    /// <summary>Adds services to the dev host after its own (an in-memory telemetry exporter, say).</summary>
    public Action<IServiceCollection>? DevHostServices { get; set; }

    /// <summary>How long the simulator waits for VideoVault to answer one webhook before it hangs up.</summary>
    public TimeSpan SimulatorWebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The host.json the dev host's queue triggers read (fast polling for tests).</summary>
    public string HostJson { get; set; } = """
        { "version": "2.0", "extensions": { "queues": {
          "maxPollingInterval": "00:00:00.200", "visibilityTimeout": "00:00:00.500",
          "batchSize": 16, "maxDequeueCount": 3, "messageEncoding": "none" } } }
        """;
}
