using Azure.Data.Tables;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>The task store on Azurite's Table service through the SDK: conflicts, ETags, paging, bad rows, the sweep's query.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableTaskStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 8, 15, 30, 123, TimeSpan.Zero);

    private readonly Microsoft.Extensions.Options.IOptions<VideoVaultOptions> _options = AzuriteFixture.AppOptions();

    private ITaskStore Store() => azurite.CreateTaskStore(_options);

    private TableClient Table() => azurite.Clients.CreateTableServiceClient().GetTableClient(_options.Value.TaskTable);

    [Fact]
    public async Task Every_field_survives_a_round_trip_and_the_table_is_created_on_first_use()
    {
        var task = Task("a") with
        {
            Status = VideoTaskStatus.Archived,
            HasIdempotencyKey = true,
            PiApiTaskId = "pi-1",
            SourceUrl = "https://img.theapi.app/ephemeral/a.mp4",
            PreviewUrl = "https://img.theapi.app/ephemeral/a.jpg",
            Progress = 100,
            BlobName = "videos/2026/11/30/a.mp4",
            VideoSize = 5_000_000_000,
            Sha256 = new string('a', 64),
            ContentMd5 = "1B2M2Y8AsgTpgAmY7PhCfg==",
            Error = "none",
            SubmitAttempts = 2,
            ArchiveAttempts = 3,
            ArchiveLeaseUntil = Created.AddMinutes(10),
            StreamLeaseUntil = Created.AddMinutes(11),
            SubmitUncertainSince = Created.AddSeconds(5),
        };

        var (stored, created) = await Store().CreateAsync(task, CancellationToken.None);
        var read = await Store().GetAsync(task.Id, CancellationToken.None);

        Assert.True(created);
        Assert.NotNull(stored.ETag);
        Assert.Equal(stored, read);
        Assert.Equal(5_000_000_000, read!.VideoSize);
        Assert.Equal(Created, read.CreatedAt);
    }

    [Fact]
    public async Task Creating_an_existing_task_returns_the_stored_one_unchanged()
    {
        var first = Task("b");
        await Store().CreateAsync(first, CancellationToken.None);

        var (existing, created) = await Store().CreateAsync(first with { Request = first.Request with { Prompt = "other" } }, CancellationToken.None);

        Assert.False(created);
        Assert.Equal("prompt b", existing.Request.Prompt);
    }

    [Fact]
    public async Task A_replace_from_a_stale_etag_is_refused_and_one_without_an_etag_is_a_bug()
    {
        var (stored, _) = await Store().CreateAsync(Task("c"), CancellationToken.None);
        var moved = await Store().TryReplaceAsync(stored with { Status = VideoTaskStatus.Pending }, stored.Status, [], CancellationToken.None);

        var stale = await Store().TryReplaceAsync(stored with { Status = VideoTaskStatus.SubmitFailed }, stored.Status, [], CancellationToken.None);

        Assert.NotNull(moved);
        Assert.NotEqual(stored.ETag, moved.ETag);
        Assert.Null(stale);
        Assert.Equal(VideoTaskStatus.Pending, (await Store().GetAsync(stored.Id, CancellationToken.None))!.Status);
        await Assert.ThrowsAsync<ArgumentException>(() => Store().TryReplaceAsync(stored with { ETag = null }, stored.Status, [], CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_task_reads_as_null()
    {
        await Store().CreateAsync(Task("d"), CancellationToken.None);

        Assert.Null(await Store().GetAsync("nosuchtask", CancellationToken.None));
    }

    [Fact]
    public async Task Listing_pages_through_every_task_once_and_shows_unreadable_rows_without_failing()
    {
        var ids = Enumerable.Range(0, 23).Select(i => $"p{i:D2}").ToList();
        foreach (var id in ids)
        {
            await Store().CreateAsync(Task(id), CancellationToken.None);
        }

        await Store().CreateAsync(Task("p99"), CancellationToken.None);
        await Table().UpdateEntityAsync(new TableEntity("p99", "task") { ["Status"] = "teleported" }, Azure.ETag.All, TableUpdateMode.Replace);

        var seen = new List<string>();
        var unreadable = new List<UnreadableTaskException>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await Store().ListAsync(null, 10, continuation, CancellationToken.None);
            Assert.True(page.Tasks.Count + page.Unreadable.Count <= 10);
            seen.AddRange(page.Tasks.Select(t => t.Id));
            unreadable.AddRange(page.Unreadable);
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null);

        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
        var bad = Assert.Single(unreadable);
        Assert.Equal("p99", bad.TaskId);
        Assert.Contains("teleported", bad.Reason, StringComparison.Ordinal);
        var get = await Assert.ThrowsAsync<UnreadableTaskException>(() => Store().GetAsync("p99", CancellationToken.None));
        Assert.Equal("p99", get.TaskId);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_makes_the_row_unreadable()
    {
        await Table().CreateIfNotExistsAsync();
        await Table().AddEntityAsync(new TableEntity("wrongtype", "task") { ["Status"] = "pending", ["SubmitAttempts"] = "three" });

        var exception = await Assert.ThrowsAsync<UnreadableTaskException>(() => Store().GetAsync("wrongtype", CancellationToken.None));

        Assert.Equal("wrongtype", exception.TaskId);
    }

    [Fact]
    public async Task The_sweep_query_finds_open_tasks_in_their_status_since_the_cutoff_and_nothing_else()
    {
        var open = new[] { VideoTaskStatus.Submitting, VideoTaskStatus.Pending, VideoTaskStatus.Processing, VideoTaskStatus.Completed, VideoTaskStatus.Archiving };
        // Since when a task is in its status is the summary's time of the move, here its creation just now.
        var now = DateTimeOffset.UtcNow;
        foreach (var status in Enum.GetValues<VideoTaskStatus>())
        {
            await Store().CreateAsync(Task($"s{status}") with { Status = status, CreatedAt = now, UpdatedAt = now }, CancellationToken.None);
        }

        var before = await FindAsync(DateTimeOffset.UtcNow.AddMinutes(-5));
        var after = await FindAsync(DateTimeOffset.UtcNow.AddSeconds(5));

        Assert.Empty(before);
        Assert.Equal(open.Select(s => $"s{s}").Order(StringComparer.Ordinal), after.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_status_index_lists_newest_first_and_follows_a_task_that_moves()
    {
        var older = Task("older");
        var newer = Task("newer") with { CreatedAt = Created.AddMinutes(1) };
        await Store().CreateAsync(older, CancellationToken.None);
        var (stored, _) = await Store().CreateAsync(newer, CancellationToken.None);

        Assert.Equal(["newer", "older"], await IdsAsync(null));
        Assert.Equal(["newer", "older"], await IdsAsync(VideoTaskStatus.Submitting));

        await Store().TryReplaceAsync(stored with { Status = VideoTaskStatus.Pending }, VideoTaskStatus.Submitting, [], CancellationToken.None);

        Assert.Equal(["older"], await IdsAsync(VideoTaskStatus.Submitting));
        Assert.Equal(["newer"], await IdsAsync(VideoTaskStatus.Pending));
        Assert.Equal(["newer", "older"], await IdsAsync(null));
        Assert.Equal(0, await RowsAsync("index-submitting", "newer"));
    }

    [Fact]
    public async Task A_row_a_crash_left_behind_is_skipped_and_repaired_and_one_still_on_its_way_is_kept()
    {
        var (archived, _) = await Store().CreateAsync(Task("done") with { Status = VideoTaskStatus.Archived }, CancellationToken.None);
        var (waiting, _) = await Store().CreateAsync(Task("waiting"), CancellationToken.None);

        // What a crash leaves: a row for a status the task left (or never reached) and one written just before a move.
        await Table().UpsertEntityAsync(new TableEntity("index-processing", Row(archived)) { ["TaskId"] = archived.Id });
        await Table().UpsertEntityAsync(new TableEntity("index-processing", Row(waiting)) { ["TaskId"] = waiting.Id });

        Assert.Empty(await IdsAsync(VideoTaskStatus.Processing));
        Assert.Equal(0, await RowsAsync("index-processing", archived.Id));
        Assert.Equal(1, await RowsAsync("index-processing", waiting.Id));
        Assert.Equal(["done"], await IdsAsync(VideoTaskStatus.Archived));
    }

    [Fact]
    public async Task A_leftover_row_written_again_after_it_was_judged_is_kept()
    {
        var (archived, _) = await Store().CreateAsync(Task("rewritten") with { Status = VideoTaskStatus.Archived }, CancellationToken.None);
        await Table().UpsertEntityAsync(new TableEntity("index-processing", Row(archived)) { ["TaskId"] = archived.Id });
        var index = new VideoVault.Storage.TaskIndex(Table());
        var judged = Assert.Single((await index.PageAsync(VideoTaskStatus.Processing, 10, null, CancellationToken.None)).Rows);

        await Table().UpsertEntityAsync(new TableEntity("index-processing", Row(archived)) { ["TaskId"] = archived.Id });
        await index.DeleteJudgedAsync(judged, CancellationToken.None);

        Assert.Equal(1, await RowsAsync("index-processing", archived.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => index.DeleteJudgedAsync(judged with { ETag = null }, CancellationToken.None));
    }

    private static string Row(VideoTask task) => $"{DateTimeOffset.MaxValue.UtcTicks - task.CreatedAt.UtcTicks:D19}-{task.Id}";

    private async Task<List<string>> FindAsync(DateTimeOffset cutoff)
    {
        var found = new List<string>();
        await foreach (var page in Store().FindStaleOpenAsync(cutoff, CancellationToken.None))
        {
            found.AddRange(page);
        }

        return found;
    }

    private async Task<List<string>> IdsAsync(VideoTaskStatus? status) =>
        [.. (await Store().ListAsync(status, 100, null, CancellationToken.None)).Tasks.Select(t => t.Id)];

    private async Task<int> RowsAsync(string partition, string taskId) =>
        (await Table().QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync()).Count(e => e.GetString("TaskId") == taskId);

    private static VideoTask Task(string id) => new()
    {
        Id = id,
        Status = VideoTaskStatus.Submitting,
        Request = new VideoRequest
        {
            Model = ModelNames.Sora2,
            TaskType = ModelNames.Sora2ProVideo,
            Prompt = $"prompt {id}",
            InputJson = $$"""{"prompt":"prompt {{id}}","aspect_ratio":"16:9","resolution":"720p","duration":4}""",
            CatalogEntryId = ModelNames.Sora2ProVideo,
            MetadataJson = """{"caller":"tests"}""",
        },
        RequestHash = new string('0', 64),
        CreatedAt = Created,
        UpdatedAt = Created,
    };
}
