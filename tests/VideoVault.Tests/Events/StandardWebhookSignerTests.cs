using System.Text;
using VideoVault.Events.Delivery;

namespace VideoVault.Tests.Events;

/// <summary>The Standard Webhooks signature scheme, checked against the specification's reference test vector.</summary>
public sealed class StandardWebhookSignerTests
{
    // The reference libraries' "sign works" case (standard-webhooks, libraries/*/tests).
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private const string SpecPayload = "{\"test\": 2432232314}";
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void Signs_the_specifications_test_vector()
    {
        Assert.Equal(SpecSignature, StandardWebhookSigner.Sign([SpecSecret], SpecId, SpecTimestamp, Encoding.UTF8.GetBytes(SpecPayload)));
    }

    [Fact]
    public void Each_configured_secret_adds_one_signature_space_separated_in_order()
    {
        const string second = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

        var header = StandardWebhookSigner.Sign([SpecSecret, second], SpecId, SpecTimestamp, Encoding.UTF8.GetBytes(SpecPayload));

        var signatures = header.Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.Equal(SpecSignature, signatures[0]);
        Assert.StartsWith("v1,", signatures[1], StringComparison.Ordinal);
        Assert.NotEqual(signatures[0], signatures[1]);
    }

    [Fact]
    public void A_change_to_the_id_the_timestamp_or_the_body_changes_the_signature()
    {
        var body = Encoding.UTF8.GetBytes(SpecPayload);

        Assert.NotEqual(SpecSignature, StandardWebhookSigner.Sign([SpecSecret], SpecId + "x", SpecTimestamp, body));
        Assert.NotEqual(SpecSignature, StandardWebhookSigner.Sign([SpecSecret], SpecId, SpecTimestamp + 1, body));
        Assert.NotEqual(SpecSignature, StandardWebhookSigner.Sign([SpecSecret], SpecId, SpecTimestamp, Encoding.UTF8.GetBytes(SpecPayload + " ")));
    }

    [Theory]
    [InlineData(SpecSecret, true)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true)]
    [InlineData("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", true)]
    [InlineData("whsec_AAECAwQFBgcICQoLDA0ODxAREhM=", false)]
    [InlineData("whsec_not base64!", false)]
    [InlineData("whsec_", false)]
    [InlineData("", false)]
    public void A_secret_is_whsec_and_base64_of_24_to_64_bytes(string secret, bool valid)
    {
        Assert.Equal(valid, StandardWebhookSigner.TryDecodeSecret(secret, out _));
    }

    [Fact]
    public void A_secret_longer_than_64_bytes_is_refused()
    {
        Assert.True(StandardWebhookSigner.TryDecodeSecret("whsec_" + Convert.ToBase64String(new byte[64]), out _));
        Assert.False(StandardWebhookSigner.TryDecodeSecret("whsec_" + Convert.ToBase64String(new byte[65]), out _));
    }
}
