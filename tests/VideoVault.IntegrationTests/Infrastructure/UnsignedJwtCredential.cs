using System.Buffers.Text;
using System.Text.Json;
using Azure.Core;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="TokenCredential"/> handing out unsigned JWTs with the claims Azurite's <c>--oauth basic</c>
/// checks (it decodes, never verifies): <c>aud</c> https://storage.azure.com, <c>iss</c>
/// https://sts.windows.net/&lt;tenant&gt;/, <c>iat</c>/<c>nbf</c>/<c>exp</c>, and <c>oid</c>/<c>tid</c>,
/// which Get User Delegation Key copies into the key it returns.
/// </summary>
public sealed class UnsignedJwtCredential(TimeProvider timeProvider) : TokenCredential
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private int _requests;

    public UnsignedJwtCredential()
        : this(TimeProvider.System)
    {
    }

    public string TenantId { get; } = Guid.NewGuid().ToString();

    public string ObjectId { get; } = Guid.NewGuid().ToString();

    public string Audience { get; init; } = "https://storage.azure.com";

    /// <summary>The scopes of the last token request, to check what the client asked for.</summary>
    public IReadOnlyList<string> LastScopes { get; private set; } = [];

    public int Requests => Volatile.Read(ref _requests);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        LastScopes = requestContext.Scopes;
        var now = timeProvider.GetUtcNow();
        var expires = now + Lifetime;
        var claims = new Dictionary<string, object>
        {
            ["aud"] = Audience,
            ["iss"] = $"https://sts.windows.net/{TenantId}/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["oid"] = ObjectId,
            ["tid"] = TenantId,
            ["ver"] = "1.0",
        };
        var token = $"{Segment(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" })}.{Segment(claims)}.";
        return new AccessToken(token, expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Segment(Dictionary<string, object> value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
