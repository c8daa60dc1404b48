using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Moq;
using VideoVault.Inbound;

namespace VideoVault.Tests.Inbound;

public sealed class TaskWebhookSecretsTests
{
    private static readonly string Key1 = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string Key2 = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
    private const string TaskId = "0123456789abcdef0123456789abcdef";

    private static TaskWebhookSecrets Secrets(string current, params (string Id, string Key)[] keys)
    {
        var options = new WebhookSigningOptions { CurrentKeyId = current, Keys = keys.ToDictionary(k => k.Id, k => k.Key) };
        var monitor = new Mock<IOptionsMonitor<WebhookSigningOptions>>();
        monitor.Setup(m => m.CurrentValue).Returns(options);
        return new TaskWebhookSecrets(monitor.Object);
    }

    [Fact]
    public void The_secret_is_the_key_id_and_the_base64url_HMAC_of_the_task_id()
    {
        var secret = Secrets("k1", ("k1", Key1)).Create(TaskId);

        var expected = "k1." + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Key1), "0123456789abcdef0123456789abcdef"u8))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, secret);
    }

    [Fact]
    public void A_secret_verifies_for_its_task_only()
    {
        var secrets = Secrets("k1", ("k1", Key1));
        Assert.Equal(WebhookVerification.Verified, secrets.Verify(TaskId, secrets.Create(TaskId)));
        Assert.Equal(WebhookVerification.Mismatch, secrets.Verify(TaskId, secrets.Create("fedcba9876543210fedcba9876543210")));
    }

    [Theory]
    [InlineData(null, WebhookVerification.MissingSecret)]
    [InlineData("", WebhookVerification.MissingSecret)]
    [InlineData("nodot", WebhookVerification.MalformedSecret)]
    [InlineData(".AAAA", WebhookVerification.MalformedSecret)]
    [InlineData("k1.", WebhookVerification.MalformedSecret)]
    [InlineData("k1.not-base64!", WebhookVerification.MalformedSecret)]
    [InlineData("k1.%%%", WebhookVerification.MalformedSecret)]
    [InlineData("k1.A", WebhookVerification.MalformedSecret)]
    [InlineData("zz.AAAA", WebhookVerification.UnknownKey)]
    [InlineData("k1.AAAA", WebhookVerification.Mismatch)]
    internal void Bad_secrets_say_why(string? presented, WebhookVerification expected) =>
        Assert.Equal(expected, Secrets("k1", ("k1", Key1)).Verify(TaskId, presented));

    [Fact]
    public void A_secret_made_under_an_older_key_still_verifies_after_rotation_and_not_after_retirement()
    {
        var before = Secrets("k1", ("k1", Key1)).Create(TaskId);

        Assert.Equal(WebhookVerification.Verified, Secrets("k2", ("k1", Key1), ("k2", Key2)).Verify(TaskId, before));
        Assert.StartsWith("k2.", Secrets("k2", ("k1", Key1), ("k2", Key2)).Create(TaskId));
        Assert.Equal(WebhookVerification.UnknownKey, Secrets("k2", ("k2", Key2)).Verify(TaskId, before));
    }
}
