using System.Net;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// Webhook signing keys rotated on the running dev host, as an app-settings change does in Azure:
/// add key 2 and make it current, later retire key 1. (Unit level: TaskWebhookSecretsTests.)
/// </summary>
public sealed class KeyRotationTests(AzuriteFixture azurite) : StackTest(azurite)
{
    private static readonly string Key2 = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    /// <summary>No reconcile: the webhooks alone must carry the tasks to the end.</summary>
    protected override void Configure(StackSettings settings) => settings.Configuration["VideoVault:ReconcileDelay"] = "01:00:00";

    [Fact]
    public async Task A_task_created_under_key_1_verifies_after_key_2_becomes_current_and_is_refused_once_key_1_is_retired()
    {
        // PiAPI holds a key-1 secret for this task and calls back only after the rotation below.
        var underKey1 = Id(await Stack.SubmitAsync(Prompt("[sim:webhookdelay=1500]")));
        var secret1 = Stack.Secrets.Create(underKey1);
        Assert.StartsWith("k1.", secret1);

        Stack.Reconfigure(settings =>
        {
            settings["WebhookSigning:Keys:k2"] = Key2;
            settings["WebhookSigning:CurrentKeyId"] = "k2";
        });
        var underKey2 = Id(await Stack.SubmitAsync(Prompt()));
        var secret2 = Stack.Secrets.Create(underKey2);
        Assert.StartsWith("k2.", secret2);

        foreach (var id in new[] { underKey1, underKey2 })
        {
            var task = await Stack.WaitForTerminalAsync(id);
            Assert.Equal("archived", Status(task));
            var ledger = Stack.Ledger.Find(task.GetProperty("piapi_task_id").GetString()!)!;

            // The webhook that archived the task may still be on its way back: the simulator counts it delivered
            // once it has the answer, which comes after the write the test saw.
            for (var deadline = DateTime.UtcNow.AddSeconds(10); ledger.WebhookAttempts != ledger.WebhooksDelivered && DateTime.UtcNow < deadline;)
            {
                await Task.Delay(50);
            }

            Assert.Equal(0, ledger.WebhooksAbandoned);
            Assert.Equal(ledger.WebhookAttempts, ledger.WebhooksDelivered);
        }

        Stack.Reconfigure(settings => settings.Remove("WebhookSigning:Keys:k1"));

        var entity = (await Stack.EntityAsync(underKey1))!;
        var piApiTaskId = entity.GetString("PiApiTaskId")!;
        using (var retired = await Stack.Api.SendAsync(WebhookRequests.Create(underKey1, secret1, WebhookRequests.Json(WebhookRequests.Body(piApiTaskId, "completed", Stack.SimulatorVideoUrl(piApiTaskId).AbsoluteUri)))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, retired.StatusCode);
        }

        Assert.Equal(entity.ETag, (await Stack.EntityAsync(underKey1))!.ETag);
        Assert.Contains(Stack.Logs.Lines, line => line.Contains("Webhook refused: UnknownKey", StringComparison.Ordinal));

        var current = (await Stack.EntityAsync(underKey2))!.GetString("PiApiTaskId")!;
        using var stillValid = await Stack.Api.SendAsync(WebhookRequests.Create(underKey2, secret2, WebhookRequests.Json(WebhookRequests.Body(current, "completed", Stack.SimulatorVideoUrl(current).AbsoluteUri))));
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Stack.AssertNoSecretsLogged([underKey1, underKey2]);
    }
}
