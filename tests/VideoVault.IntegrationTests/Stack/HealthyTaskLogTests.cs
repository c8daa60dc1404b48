using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// The log of a healthy task, as a production host ships it: on a real Functions host one such task logged
/// 168 lines, 7 of them Azure.Core warnings for the 412s its ETag-guarded writes expect, others for
/// expected 409s, ASP.NET Core's result lines and four HttpClient lines per outgoing call.
/// </summary>
public sealed class HealthyTaskLogTests(AzuriteFixture azurite) : StackTest(azurite)
{
    /// <summary>
    /// 21 lines in a run: the host's 4 start-up lines, the start-up recovery and sweep (2), and the task's
    /// own history of 15: created, submitted (2 lines), 3 webhooks recorded, the copy (3), 3 events raised
    /// and 3 delivered. 30 leaves room for a webhook PiAPI repeats or a work item that runs again, while
    /// one Information line per storage request or HTTP call (dozens for a task) cannot fit.
    /// </summary>
    private const int MaxInformationLines = 30;

    [Fact]
    public async Task A_healthy_task_logs_no_warnings_and_a_bounded_history()
    {
        var endpoint = "healthy-" + Guid.NewGuid().ToString("N")[..8];
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), Stack.ConsumerUrl(endpoint))));

        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(id)));
        await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        var lines = Stack.Logs.Lines.ToList();
        var warnings = lines.Where(line => line.StartsWith("Warning ", StringComparison.Ordinal) || line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        var information = lines.Where(line => line.StartsWith("Information ", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, $"{warnings.Count} warnings or errors:\n{string.Join('\n', warnings)}");
        Assert.True(information.Count <= MaxInformationLines, $"{information.Count} Information lines, more than {MaxInformationLines}:\n{string.Join('\n', information)}");
    }
}
