using System.Security.Cryptography;
using System.Text;
using System.Web;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>Read-only SAS query strings and their string-to-sign layouts for service version 2025-11-05.</summary>
public sealed class BlobSasBuilderTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = new(2025, 3, 4, 6, 6, 7, 500, TimeSpan.Zero);

    private static string Sign(string key, string text) => Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_service_sas_carries_read_only_blob_parameters_and_signs_the_2020_12_06_layout()
    {
        var query = BlobSasBuilder.ServiceSas(new StorageSharedKeyCredential("vault", Key), "videos", "2025/a b+c.mp4", Start, Expiry, "https");
        var parameters = HttpUtility.ParseQueryString(query);

        Assert.Equal(["sv", "spr", "st", "se", "sr", "sp", "sig"], parameters.AllKeys.Select(k => k ?? string.Empty));
        Assert.Equal("2025-11-05", parameters["sv"]);
        Assert.Equal("https", parameters["spr"]);
        Assert.Equal("2025-03-04T05:06:07Z", parameters["st"]);
        Assert.Equal("2025-03-04T06:06:07Z", parameters["se"]);
        Assert.Equal("b", parameters["sr"]);
        Assert.Equal("r", parameters["sp"]);
        var expected =
            "r\n" +
            "2025-03-04T05:06:07Z\n" +
            "2025-03-04T06:06:07Z\n" +
            "/blob/vault/videos/2025/a b+c.mp4\n" +
            "\n" + // signed identifier
            "\n" + // signed IP
            "https\n" +
            "2025-11-05\n" +
            "b\n" +
            "\n" + // snapshot time
            "\n" + // encryption scope
            "\n\n\n\n"; // rscc, rscd, rsce, rscl, rsct (the fifth is the last line)
        Assert.Equal(Sign(Key, expected), parameters["sig"]);
    }

    [Fact]
    public void Values_are_escaped_in_the_query()
    {
        var query = BlobSasBuilder.ServiceSas(new StorageSharedKeyCredential("vault", Key), "videos", "a.mp4", Start, Expiry, "https,http");

        Assert.Contains("spr=https%2Chttp", query, StringComparison.Ordinal);
        Assert.Contains("st=2025-03-04T05%3A06%3A07Z", query, StringComparison.Ordinal);
        Assert.DoesNotContain("+", query, StringComparison.Ordinal);
        Assert.DoesNotContain("/", query, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_delegation_sas_carries_the_key_fields_and_signs_the_2025_07_05_layout()
    {
        var keyValue = Convert.ToBase64String(Encoding.ASCII.GetBytes("user-delegation-key-bytes-32-long"));
        var key = new UserDelegationKey("oid-1", "tid-2", "2025-03-04T00:00:00Z", "2025-03-05T00:00:00Z", "b", "2025-11-05", keyValue);

        var query = BlobSasBuilder.UserDelegationSas(key, "vault", "videos", "a.mp4", Start, Expiry, "https");
        var parameters = HttpUtility.ParseQueryString(query);

        Assert.Equal(["sv", "spr", "st", "se", "sr", "sp", "skoid", "sktid", "skt", "ske", "sks", "skv", "sig"], parameters.AllKeys.Select(k => k ?? string.Empty));
        Assert.Equal("oid-1", parameters["skoid"]);
        Assert.Equal("tid-2", parameters["sktid"]);
        Assert.Equal("2025-03-04T00:00:00Z", parameters["skt"]);
        Assert.Equal("2025-03-05T00:00:00Z", parameters["ske"]);
        Assert.Equal("b", parameters["sks"]);
        Assert.Equal("2025-11-05", parameters["skv"]);
        var expected =
            "r\n" +
            "2025-03-04T05:06:07Z\n" +
            "2025-03-04T06:06:07Z\n" +
            "/blob/vault/videos/a.mp4\n" +
            "oid-1\n" +
            "tid-2\n" +
            "2025-03-04T00:00:00Z\n" +
            "2025-03-05T00:00:00Z\n" +
            "b\n" +
            "2025-11-05\n" +
            "\n" + // authorized user object id
            "\n" + // unauthorized user object id
            "\n" + // correlation id
            "\n" + // delegated user tenant id
            "\n" + // delegated user object id
            "\n" + // signed IP
            "https\n" +
            "2025-11-05\n" +
            "b\n" +
            "\n" + // snapshot time
            "\n" + // encryption scope
            "\n\n\n\n"; // rscc, rscd, rsce, rscl, rsct
        Assert.Equal(Sign(keyValue, expected), parameters["sig"]);
    }

    [Fact]
    public async Task The_store_builds_a_url_to_the_escaped_blob_valid_from_five_minutes_ago_and_allowing_http_only_for_http_endpoints()
    {
        var now = new DateTimeOffset(2025, 3, 4, 12, 0, 0, TimeSpan.Zero);
        var store = new BlobStore(StorageConnection.Parse("UseDevelopmentStorage=true"), new StorageClientOptions(), new FixedTimeProvider(now));

        var uri = await store.CreateReadSasUriAsync("videos", "2025/vidéo 1.mp4", TimeSpan.FromMinutes(15), CancellationToken.None);
        var parameters = HttpUtility.ParseQueryString(uri.Query);

        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/videos/2025/vid%C3%A9o%201.mp4", uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("2025-03-04T11:55:00Z", parameters["st"]);
        Assert.Equal("2025-03-04T12:15:00Z", parameters["se"]);
        Assert.Equal("https,http", parameters["spr"]);
        Assert.Equal("r", parameters["sp"]);
    }

    [Fact]
    public async Task The_store_refuses_a_non_positive_lifetime()
    {
        var store = new BlobStore(StorageConnection.Parse("UseDevelopmentStorage=true"), new StorageClientOptions(), TimeProvider.System);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CreateReadSasUriAsync("videos", "a.mp4", TimeSpan.Zero, CancellationToken.None));
    }
}
