using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using VideoVault.Workers;

namespace VideoVault.Functions.Tests;

/// <summary>
/// Under base64 (the host's default) the Functions host moved a message it could not decode to the poison
/// queue, where the poison trigger could not decode it either: it stayed for ever. The app's host.json asks
/// for <c>none</c>, so the host hands every message over as stored, and the two queue functions end junk.
/// </summary>
public sealed class QueueMessageEncodingTests
{
    /// <summary>A raw non-base64 message, valid base64 that is no work item, and an empty message (as text, or as no text at all).</summary>
    public static readonly TheoryData<string?> Junk = new()
    {
        "%%% not base64 %%%",
        Convert.ToBase64String(Encoding.UTF8.GetBytes("not a work item")),
        string.Empty,
        null,
    };

    [Fact]
    public void The_host_json_the_functions_app_ships_hands_messages_over_as_stored()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsApp.Output, "host.json")));

        Assert.Equal("none", document.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString(), ignoreCase: true);
    }

    [Theory]
    [InlineData("ProcessWork")]
    [InlineData("ProcessPoison")]
    public void The_queue_triggers_bind_the_message_as_text(string function)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsApp.Output, "functions.metadata")));
        var binding = document.RootElement.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == FunctionTrigger.Queue);

        // Text, so the stored message reaches WorkMessage as it is; no binary or POCO conversion in between.
        Assert.Equal("String", binding.GetProperty("dataType").GetString());
    }

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task The_work_function_ends_junk_with_one_warning(string? message)
    {
        var logger = new FakeLogger<WorkProcessor>();
        using var host = Build(services => services.AddSingleton<ILogger<WorkProcessor>>(logger));
        var function = ActivatorUtilities.CreateInstance<ProcessWorkFunction>(host.Services);

        await function.Run(message, CancellationToken.None);

        AssertOneWarningWithoutStackTrace(logger.Collector);
    }

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task The_poison_function_ends_junk_with_one_warning(string? message)
    {
        var logger = new FakeLogger<PoisonProcessor>();
        using var host = Build(services => services.AddSingleton<ILogger<PoisonProcessor>>(logger));
        var function = ActivatorUtilities.CreateInstance<ProcessPoisonFunction>(host.Services);

        await function.Run(message, CancellationToken.None);

        AssertOneWarningWithoutStackTrace(logger.Collector);
    }

    private static void AssertOneWarningWithoutStackTrace(FakeLogCollector logs)
    {
        var record = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Null(record.Exception);
        Assert.Contains("not a valid work item", record.Message, StringComparison.Ordinal);
    }

    /// <summary>The app's host over the sample settings, not run: junk must end before any storage call.</summary>
    /// <param name="logTo">Puts the processor's log where the test reads it.</param>
    private static IHost Build(Action<IServiceCollection> logTo) =>
        FunctionsAppBuilder.Build([], configuration => configuration.AddInMemoryCollection(FunctionsApp.SampleSettings()), logTo);
}
