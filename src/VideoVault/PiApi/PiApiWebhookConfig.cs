using System.Text;

namespace VideoVault.PiApi;

/// <summary>Where PiAPI posts task updates, and the secret it echoes in the <c>x-webhook-secret</c> header.</summary>
internal sealed record PiApiWebhookConfig
{
    public string? Endpoint { get; init; }

    public string? Secret { get; init; }

    // A record prints every property; keep the secret out of anything that logs this object.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Endpoint = ").Append(Endpoint).Append(", Secret = ***");
        return true;
    }
}
