using System.Security.Cryptography;
using System.Text;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

public sealed class SharedKeyAuthenticationPolicyTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private static string Sign(string text) => Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Key), Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task A_request_carries_the_clock_date_the_pinned_version_and_the_shared_key_signature()
    {
        var transport = new RecordingTransport(_ => new CannedResponse(404));
        var store = new BlobStore(StorageConnection.Parse("UseDevelopmentStorage=true"), new StorageClientOptions { Transport = transport }, new FixedTimeProvider(Now));

        await store.GetPropertiesAsync("videos", "a b.mp4", CancellationToken.None);

        var sent = Assert.Single(transport.Sent);
        Assert.Equal("Tue, 04 Mar 2025 12:00:00 GMT", sent.Headers["x-ms-date"]);
        Assert.Equal("2025-11-05", sent.Headers["x-ms-version"]);
        var expected =
            "HEAD\n\n\n\n\n\n\n\n\n\n\n\n" +
            "x-ms-client-request-id:" + sent.Headers["x-ms-client-request-id"] + "\n" +
            "x-ms-date:Tue, 04 Mar 2025 12:00:00 GMT\n" +
            "x-ms-return-client-request-id:true\n" +
            "x-ms-version:2025-11-05\n" +
            "/devstoreaccount1/devstoreaccount1/videos/a%20b.mp4";
        Assert.Equal("SharedKey devstoreaccount1:" + Sign(expected), sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task Every_retry_is_signed_again_with_a_fresh_date()
    {
        var clock = new SteppingTimeProvider(Now, TimeSpan.FromSeconds(7));
        var transport = new RecordingTransport(_ => new CannedResponse(503), _ => new CannedResponse(404));
        var options = new StorageClientOptions { Transport = transport, Retry = { Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) } };
        var store = new BlobStore(StorageConnection.Parse("UseDevelopmentStorage=true"), options, clock);

        Assert.Null(await store.GetPropertiesAsync("videos", "a.mp4", CancellationToken.None));

        Assert.Equal(2, transport.Sent.Count);
        Assert.NotEqual(transport.Sent[0].Headers["x-ms-date"], transport.Sent[1].Headers["x-ms-date"]);
        Assert.NotEqual(transport.Sent[0].Headers["Authorization"], transport.Sent[1].Headers["Authorization"]);
    }

    [Fact]
    public async Task Table_requests_sign_the_table_layout()
    {
        var transport = new RecordingTransport(_ => new CannedResponse(404));
        var store = new TableStore(StorageConnection.Parse("UseDevelopmentStorage=true"), new StorageClientOptions { Transport = transport }, new FixedTimeProvider(Now));

        await store.GetEntityAsync("tasks", "p", "it's", CancellationToken.None);

        var sent = Assert.Single(transport.Sent);
        // The key's own quotes are doubled and escaped; the quotes around it are the literal's.
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/tasks(PartitionKey='p',RowKey='it%27%27s')", sent.Uri.AbsoluteUri);
        var expected = "GET\n\n\nTue, 04 Mar 2025 12:00:00 GMT\n/devstoreaccount1/devstoreaccount1/tasks(PartitionKey='p',RowKey='it%27%27s')";
        Assert.Equal("SharedKey devstoreaccount1:" + Sign(expected), sent.Headers["Authorization"]);
    }

    /// <summary>Moves forward by a step on every read, like a clock between retries.</summary>
    private sealed class SteppingTimeProvider(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            var now = _now;
            _now += step;
            return now;
        }
    }
}
