using System.Web;
using Azure.Core;
using Moq;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>User delegation SAS through <see cref="BlobStore"/> with a token credential: one key request serves many SAS.</summary>
public sealed class UserDelegationKeyCacheTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private static CannedResponse KeyResponse(string start, string expiry) => new(
        200,
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><UserDelegationKey>" +
        "<SignedOid>oid-1</SignedOid><SignedTid>tid-2</SignedTid>" +
        $"<SignedStart>{start}</SignedStart><SignedExpiry>{expiry}</SignedExpiry>" +
        "<SignedService>b</SignedService><SignedVersion>2025-11-05</SignedVersion>" +
        "<Value>a2V5LXZhbHVl</Value></UserDelegationKey>");

    private static (BlobStore Store, RecordingTransport Transport) Create(params Func<Request, CannedResponse>[] responses)
    {
        var credential = new Mock<TokenCredential>(MockBehavior.Strict);
        credential
            .Setup(c => c.GetTokenAsync(It.Is<TokenRequestContext>(r => r.Scopes.Contains("https://storage.azure.com/.default")), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AccessToken("token", Now.AddHours(1)));
        var endpoint = new Uri("https://vault.blob.core.windows.net");
        var connection = StorageConnection.WithTokenCredential(endpoint, new Uri("https://vault.queue.core.windows.net"), new Uri("https://vault.table.core.windows.net"), credential.Object);
        var transport = new RecordingTransport(responses);
        return (new BlobStore(connection, new StorageClientOptions { Transport = transport }, new FixedTimeProvider(Now)), transport);
    }

    [Fact]
    public async Task The_first_sas_asks_for_a_key_with_a_bearer_token_and_signs_with_it()
    {
        var (store, transport) = Create(_ => KeyResponse("2025-03-04T11:55:00Z", "2025-03-04T18:00:00Z"));

        var sas = await store.CreateReadSasUriAsync("videos", "a.mp4", TimeSpan.FromMinutes(15), CancellationToken.None);

        var request = Assert.Single(transport.Sent);
        Assert.Equal(RequestMethod.Post, request.Method);
        Assert.Equal("https://vault.blob.core.windows.net/?restype=service&comp=userdelegationkey", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer token", request.Headers["Authorization"]);
        Assert.Equal("<KeyInfo><Start>2025-03-04T11:55:00Z</Start><Expiry>2025-03-04T18:00:00Z</Expiry></KeyInfo>", request.Body);
        var parameters = HttpUtility.ParseQueryString(sas.Query);
        Assert.Equal("oid-1", parameters["skoid"]);
        Assert.Equal("tid-2", parameters["sktid"]);
        Assert.Equal("2025-03-04T18:00:00Z", parameters["ske"]);
        Assert.Equal("https", parameters["spr"]);
        Assert.StartsWith("https://vault.blob.core.windows.net/videos/a.mp4?", sas.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_is_reused_while_it_outlives_the_sas_and_renewed_when_it_does_not()
    {
        var (store, transport) = Create(
            _ => KeyResponse("2025-03-04T11:55:00Z", "2025-03-04T18:00:00Z"),
            _ => KeyResponse("2025-03-04T11:55:00Z", "2025-03-05T00:00:00Z"));

        await store.CreateReadSasUriAsync("videos", "a.mp4", TimeSpan.FromMinutes(15), CancellationToken.None);
        await store.CreateReadSasUriAsync("videos", "b.mp4", TimeSpan.FromHours(5), CancellationToken.None);
        Assert.Single(transport.Sent);

        // Longer than the cached key lives: a new key, long enough for this SAS.
        var longer = await store.CreateReadSasUriAsync("videos", "c.mp4", TimeSpan.FromHours(12), CancellationToken.None);

        Assert.Equal(2, transport.Sent.Count);
        Assert.Equal("<KeyInfo><Start>2025-03-04T11:55:00Z</Start><Expiry>2025-03-05T00:00:00Z</Expiry></KeyInfo>", transport.Sent[1].Body);
        Assert.Equal("2025-03-05T00:00:00Z", HttpUtility.ParseQueryString(longer.Query)["ske"]);
    }
}
