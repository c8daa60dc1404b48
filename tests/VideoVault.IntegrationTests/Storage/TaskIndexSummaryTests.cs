using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>
/// A list page from the index rows alone, on Azurite: the storage requests a page issues are counted by a
/// pipeline policy on the store's own client, so "one query" is measured, not assumed. Rows from before the
/// summaries, rows a lost race or a crash left pending, and the <c>index-all</c> row across moves.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaskIndexSummaryTests(AzuriteFixture azurite)
{
    private readonly Microsoft.Extensions.Options.IOptions<VideoVaultOptions> _options = AzuriteFixture.AppOptions();
    private readonly RequestCounter _requests = new();
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private TableTaskStore? _store;

    private TableTaskStore Store => _store ??= CreateStore(TimeProvider.System);

    private TableClient Table => azurite.Clients.CreateTableServiceClient().GetTableClient(_options.Value.TaskTable);

    [Fact]
    public async Task A_page_of_confirmed_rows_is_one_query_and_reads_no_task_row()
    {
        var tasks = new List<VideoTask>();
        for (var i = 0; i < 5; i++)
        {
            tasks.Add(await MoveAsync(await CreateAsync($"one{i}", _now.AddSeconds(i)), VideoTaskStatus.Pending));
        }

        await WarmUpAsync();
        var (all, allRequests) = await CountedAsync(() => Store.ListAsync(null, 10, null, CancellationToken.None));
        var (pending, pendingRequests) = await CountedAsync(() => Store.ListAsync(VideoTaskStatus.Pending, 10, null, CancellationToken.None));

        var expected = Enumerable.Reverse(tasks).Select(TaskSummary.Of).ToList();
        Assert.Equal(1, allRequests);
        Assert.Equal(1, pendingRequests);
        Assert.Equal(expected, all.Tasks);
        Assert.Equal(expected, pending.Tasks);

        // Task rows this version cannot read do not change the page: it never reads them.
        foreach (var task in tasks)
        {
            await Table.UpdateEntityAsync(new TableEntity(task.Id, TaskEntityMapper.RowKey) { ["Status"] = "teleported" }, Azure.ETag.All, TableUpdateMode.Replace);
        }

        Assert.Equal(expected, (await Store.ListAsync(null, 10, null, CancellationToken.None)).Tasks);
    }

    [Fact]
    public async Task Rows_from_before_summaries_still_list_and_are_rewritten_with_them()
    {
        var tasks = new[]
        {
            Task("oldarchived", VideoTaskStatus.Archived, _now.AddSeconds(-3)) with { VideoSize = 2_097_152, BlobName = "videos/a.mp4" },
            Task("oldfailed", VideoTaskStatus.Failed, _now.AddSeconds(-2)) with { Error = "PiAPI failed the task" },
            Task("oldprocessing", VideoTaskStatus.Processing, _now.AddSeconds(-1)),
        };
        await Table.CreateIfNotExistsAsync();
        foreach (var task in tasks)
        {
            // As the app wrote them before: the task, and index rows naming it and nothing else.
            await Table.AddEntityAsync(TaskEntityMapper.ToEntity(task));
            await Table.AddEntityAsync(TaskIndexEntity.Bare(TaskIndexRow.AllPartition, TaskIndexRow.RowKeyOf(task), task.Id));
            await Table.AddEntityAsync(TaskIndexEntity.Bare(TaskIndexRow.PartitionOf(task.Status), TaskIndexRow.RowKeyOf(task), task.Id));
        }

        await WarmUpAsync(VideoTaskStatus.Expired);
        var (first, firstRequests) = await CountedAsync(() => Store.ListAsync(null, 10, null, CancellationToken.None));
        var (again, againRequests) = await CountedAsync(() => Store.ListAsync(null, 10, null, CancellationToken.None));
        var (failed, failedRequests) = await CountedAsync(() => Store.ListAsync(VideoTaskStatus.Failed, 10, null, CancellationToken.None));
        var (failedAgain, failedAgainRequests) = await CountedAsync(() => Store.ListAsync(VideoTaskStatus.Failed, 10, null, CancellationToken.None));

        var expected = Enumerable.Reverse(tasks).Select(TaskSummary.Of).ToList();
        Assert.Equal(expected, first.Tasks);
        Assert.Equal(1 + 3 + 3, firstRequests);
        Assert.Equal(expected, again.Tasks);
        Assert.Equal(1, againRequests);
        Assert.Equal([TaskSummary.Of(tasks[1])], failed.Tasks);
        Assert.Equal(1 + 1 + 1, failedRequests);
        Assert.Equal(failed.Tasks, failedAgain.Tasks);
        Assert.Equal(1, failedAgainRequests);
        var rewritten = await RowAsync(TaskIndexRow.AllPartition, tasks[0]);
        Assert.Equal(TaskIndexEntity.SummaryVersion, rewritten.GetInt32("SummaryVersion"));
        Assert.Equal(2_097_152, rewritten.GetInt64("VideoSize"));
    }

    [Fact]
    public async Task The_all_row_follows_every_move_and_is_confirmed_after_each()
    {
        var task = await CreateAsync("mover", _now);
        var path = new[] { VideoTaskStatus.Pending, VideoTaskStatus.Processing, VideoTaskStatus.Completed, VideoTaskStatus.Archiving, VideoTaskStatus.Archived };
        await WarmUpAsync(VideoTaskStatus.Expired);
        foreach (var status in path)
        {
            var left = task.Status;
            task = await MoveAsync(task, status, status == VideoTaskStatus.Archived ? t => t with { VideoSize = 4_194_304, BlobName = "videos/m.mp4" } : null);

            var allRow = await RowAsync(TaskIndexRow.AllPartition, task);
            Assert.Equal(TaskStatusNames.ToName(status), allRow.GetString("Status"));
            Assert.False(allRow.ContainsKey(TaskIndexEntity.PendingProperty));
            var (all, requests) = await CountedAsync(() => Store.ListAsync(null, 10, null, CancellationToken.None));
            Assert.Equal(1, requests);
            Assert.Equal([TaskSummary.Of(task)], all.Tasks);
            Assert.Equal([TaskSummary.Of(task)], (await Store.ListAsync(status, 10, null, CancellationToken.None)).Tasks);
            Assert.Empty((await Store.ListAsync(left, 10, null, CancellationToken.None)).Tasks);
        }

        var listed = Assert.Single((await Store.ListAsync(null, 10, null, CancellationToken.None)).Tasks);
        Assert.Equal(4_194_304, listed.VideoSize);
        Assert.Equal(task.Timeline[^1].At, listed.StatusChangedAt);
    }

    [Fact]
    public async Task A_lost_race_leaves_its_rows_pending_for_readers_to_check_and_repair_once_its_write_cannot_come()
    {
        var created = await CreateAsync("racer", _now);
        var pending = await MoveAsync(created, VideoTaskStatus.Pending);
        await WarmUpAsync(VideoTaskStatus.Expired);

        // Decided on the state before the move: its write loses, after its rows were written.
        var lost = await Store.TryReplaceAsync(Next(created, VideoTaskStatus.Cancelled) with { Error = "Cancelled by the caller" }, VideoTaskStatus.Submitting, [], CancellationToken.None);

        // Listed as the task is, read through it; the row stays pending while the write it announced could still come.
        Assert.Null(lost);
        var (all, requests) = await CountedAsync(() => Store.ListAsync(null, 10, null, CancellationToken.None));
        Assert.Equal([TaskSummary.Of(pending)], all.Tasks);
        Assert.Equal(1 + 1, requests);
        var row = await RowAsync(TaskIndexRow.AllPartition, pending);
        Assert.True(row.GetBoolean(TaskIndexEntity.PendingProperty));
        Assert.Equal("cancelled", row.GetString("Status"));
        Assert.Empty((await Store.ListAsync(VideoTaskStatus.Cancelled, 10, null, CancellationToken.None)).Tasks);

        // Once it would be lost, a reader confirms the row with the task, and pages are one query again.
        var later = CreateStore(new FakeTimeProvider(DateTimeOffset.UtcNow + RowsAheadOfTask.Grace + TimeSpan.FromMinutes(1)));
        Assert.Equal([TaskSummary.Of(pending)], (await later.ListAsync(null, 10, null, CancellationToken.None)).Tasks);
        var repaired = await RowAsync(TaskIndexRow.AllPartition, pending);
        Assert.Equal("pending", repaired.GetString("Status"));
        Assert.False(repaired.ContainsKey(TaskIndexEntity.PendingProperty));
        var (again, againRequests) = await CountedAsync(() => Store.ListAsync(null, 10, null, CancellationToken.None));
        Assert.Equal(all.Tasks, again.Tasks);
        Assert.Equal(1, againRequests);
    }

    [Fact]
    public async Task A_retry_that_never_got_written_leaves_the_finished_status_row_pending_for_readers_to_judge()
    {
        var failed = await CreateAsync("retried", _now, VideoTaskStatus.ArchiveFailed);
        Assert.Single((await Store.ListAsync(VideoTaskStatus.ArchiveFailed, 10, null, CancellationToken.None)).Tasks);

        // The rows a retry writes before its task write, and then the crash: no write, no cleanup.
        await new TaskIndex(Table).AnnounceAsync(Next(failed, VideoTaskStatus.Processing) with { Error = null }, VideoTaskStatus.ArchiveFailed, CancellationToken.None);

        Assert.True((await RowAsync(TaskIndexRow.PartitionOf(VideoTaskStatus.ArchiveFailed), failed)).GetBoolean(TaskIndexEntity.PendingProperty));
        Assert.Equal([TaskSummary.Of(failed)], (await Store.ListAsync(VideoTaskStatus.ArchiveFailed, 10, null, CancellationToken.None)).Tasks);
        Assert.Empty((await Store.ListAsync(VideoTaskStatus.Processing, 10, null, CancellationToken.None)).Tasks);
        Assert.Equal([TaskSummary.Of(failed)], (await Store.ListAsync(null, 10, null, CancellationToken.None)).Tasks);
        Assert.False((await RowAsync(TaskIndexRow.PartitionOf(VideoTaskStatus.ArchiveFailed), failed)).ContainsKey(TaskIndexEntity.PendingProperty));
        Assert.Equal(0, await CountRowsAsync(TaskIndexRow.PartitionOf(VideoTaskStatus.Processing)));
    }

    [Fact]
    public async Task A_repeated_create_at_another_time_is_listed_once()
    {
        var task = await CreateAsync("repeated", _now);
        var (_, created) = await Store.CreateAsync(task with { CreatedAt = _now.AddSeconds(1), UpdatedAt = _now.AddSeconds(1), ETag = null }, CancellationToken.None);

        Assert.False(created);
        Assert.Equal([task.Id], (await Store.ListAsync(null, 10, null, CancellationToken.None)).Tasks.Select(t => t.Id));
        Assert.Equal(1, await CountRowsAsync(TaskIndexRow.AllPartition));
    }

    [Fact]
    public async Task The_sweep_takes_the_time_a_task_entered_its_status_from_the_summary_or_else_from_the_rows_write()
    {
        var stale = await MoveAsync(await CreateAsync("stale", _now.AddHours(-2)), VideoTaskStatus.Pending);
        await MoveAsync(await CreateAsync("fresh", _now), VideoTaskStatus.Pending);
        var unsummarised = Task("unsummarised", VideoTaskStatus.Processing, _now.AddHours(-2));
        await Table.AddEntityAsync(TaskEntityMapper.ToEntity(unsummarised));
        await Table.AddEntityAsync(TaskIndexEntity.Bare(TaskIndexRow.PartitionOf(VideoTaskStatus.Processing), TaskIndexRow.RowKeyOf(unsummarised), unsummarised.Id));

        var beforeRepair = await StaleAsync(_now.AddMinutes(-30));
        var everything = await StaleAsync(DateTimeOffset.UtcNow.AddSeconds(5));
        var afterRepair = await StaleAsync(_now.AddMinutes(-30));

        Assert.Equal([stale.Id], beforeRepair);
        Assert.Equal(3, everything.Count);
        Assert.Equal(new[] { stale.Id, unsummarised.Id }.Order(StringComparer.Ordinal), afterRepair.Order(StringComparer.Ordinal));
    }

    private TableTaskStore CreateStore(TimeProvider clock)
    {
        var options = new TableClientOptions(StorageClientFactory.TableVersion);
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        return new TableTaskStore(new TableServiceClient(azurite.ConnectionString, options), _options, clock);
    }

    /// <summary>The store creates its table on first use: done before counting, on a partition the test does not use.</summary>
    private Task WarmUpAsync(VideoTaskStatus status = VideoTaskStatus.Cancelled) => Store.ListAsync(status, 1, null, CancellationToken.None);

    private async Task<(TaskListPage Page, long Requests)> CountedAsync(Func<Task<TaskListPage>> list)
    {
        var before = _requests.Count;
        var page = await list();
        return (page, _requests.Count - before);
    }

    private async Task<VideoTask> CreateAsync(string id, DateTimeOffset at, VideoTaskStatus status = VideoTaskStatus.Submitting)
    {
        var (stored, created) = await Store.CreateAsync(Task(id, status, at), CancellationToken.None);
        Assert.True(created);
        return stored;
    }

    private async Task<VideoTask> MoveAsync(VideoTask task, VideoTaskStatus to, Func<VideoTask, VideoTask>? change = null)
    {
        var next = Next(task, to);
        return await Store.TryReplaceAsync(change is null ? next : change(next), task.Status, [], CancellationToken.None)
            ?? throw new InvalidOperationException($"Task {task.Id} did not move to {to}.");
    }

    /// <summary>The next state as TaskUpdater stamps it: a later time, and the move on the timeline.</summary>
    private static VideoTask Next(VideoTask task, VideoTaskStatus to)
    {
        var at = task.UpdatedAt.AddSeconds(1);
        return task with { Status = to, UpdatedAt = at, Timeline = TaskTimeline.Append(task.Timeline, to, at) };
    }

    private async Task<List<string>> StaleAsync(DateTimeOffset since)
    {
        var found = new List<string>();
        await foreach (var page in Store.FindStaleOpenAsync(since, CancellationToken.None))
        {
            found.AddRange(page);
        }

        return found;
    }

    private async Task<TableEntity> RowAsync(string partition, VideoTask task) =>
        (await Table.GetEntityAsync<TableEntity>(partition, TaskIndexRow.RowKeyOf(task))).Value;

    private async Task<int> CountRowsAsync(string partition) =>
        (await Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")).ToListAsync()).Count;

    private VideoTask Task(string id, VideoTaskStatus status, DateTimeOffset at) => new()
    {
        Id = id + Guid.NewGuid().ToString("N")[..8],
        Status = status,
        Request = new VideoRequest
        {
            Model = ModelNames.Sora2,
            TaskType = ModelNames.Sora2ProVideo,
            Prompt = $"prompt {id}",
            InputJson = $$"""{"prompt":"prompt {{id}}","aspect_ratio":"16:9","resolution":"720p","duration":4}""",
            CatalogEntryId = ModelNames.Sora2ProVideo,
        },
        RequestHash = new string('0', 64),
        CreatedAt = at,
        UpdatedAt = at,
        Timeline = [new TaskStatusChange(status, at)],
        EstimatedUsd = 0.96m,
    };

    /// <summary>Counts the requests a client issues, once per call (before the retry policy).</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
