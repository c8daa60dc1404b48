using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Xunit.Abstractions;
using VideoVault.Events;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// Retention on the stack. Azurite has no lifecycle rules, so retention is played as the rule acts: the blob is
/// deleted behind the app's back; an archived time moved back stands for the days that passed.
/// </summary>
public sealed class VideoRetentionTests(AzuriteFixture azurite, ITestOutputHelper output) : StackTest(azurite)
{
    private const int RetentionDays = 30;

    protected override void Configure(StackSettings settings) =>
        settings.Configuration["VideoVault:VideoRetentionDays"] = RetentionDays.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_view_shows_when_retention_removes_the_video_counted_from_its_archiving()
    {
        var task = await ArchivedAsync();

        var archivedAt = task.GetProperty("timeline").EnumerateArray().Last().GetProperty("at").GetDateTimeOffset();
        Assert.Equal(archivedAt.AddDays(RetentionDays), task.GetProperty("video").GetProperty("expires_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_video_removed_after_its_retention_reads_as_deleted_through_retention_with_its_event_and_poster_gone()
    {
        var id = Id(await ArchivedAsync());
        await MoveArchivedTimeBackAsync(id, TimeSpan.FromDays(RetentionDays + 1));
        await Stack.Videos.DeleteBlobAsync(BlobName(await Stack.GetTaskAsync(id)));

        var read = await Stack.GetTaskAsync(id);

        var video = read.GetProperty("video");
        Assert.Equal("archived", Status(read));
        Assert.Equal("retention", video.GetProperty("deletion_reason").GetString());
        Assert.False(video.TryGetProperty("url", out _));
        Assert.False(video.TryGetProperty("expires_at", out _));
        Assert.Equal(TaskEventTypes.Deleted, (await Stack.EventsAsync(id)).GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString());
        Assert.Empty(await Stack.BlobsAsync());
    }

    [Fact]
    public async Task A_video_removed_before_its_retention_reads_as_missing_and_a_list_page_never_checks_the_blobs()
    {
        var id = Id(await ArchivedAsync());
        await Stack.Videos.DeleteBlobAsync(BlobName(await Stack.GetTaskAsync(id)));

        // A list reads index rows only and never the blobs: the item keeps the video's size and has nothing that links to it.
        var listed = (await Stack.Api.GetFromJsonAsync<JsonElement>("api/tasks")).GetProperty("tasks").EnumerateArray().Single(t => Id(t) == id);
        Assert.True(listed.GetProperty("video_size").GetInt64() > 0);
        Assert.False(listed.TryGetProperty("video", out _));

        var read = (await Stack.GetTaskAsync(id)).GetProperty("video");
        var again = (await Stack.GetTaskAsync(id)).GetProperty("video");

        Assert.Equal("missing", read.GetProperty("deletion_reason").GetString());
        Assert.False(read.TryGetProperty("url", out _));
        Assert.Equal(read.GetProperty("deleted_at").GetString(), again.GetProperty("deleted_at").GetString());
        Assert.Equal(4, (await Stack.EventsAsync(id)).GetProperty("events").GetArrayLength());
    }

    /// <summary>The cost of noticing on a single read: a read that checks the blob against one that no longer needs to.</summary>
    [Fact]
    public async Task A_single_read_costs_one_blob_check_until_the_video_is_gone()
    {
        const int Reads = 100;
        var stored = Id(await ArchivedAsync());
        var deleted = Id(await ArchivedAsync());
        using (var response = await Stack.Api.DeleteAsync($"api/tasks/{deleted}/video"))
        {
            response.EnsureSuccessStatusCode();
        }

        var checking = await TimeReadsAsync(stored, Reads);
        var notChecking = await TimeReadsAsync(deleted, Reads);

        output.WriteLine($"GET of a stored video (checks its blob): median {checking.TotalMilliseconds:F2} ms; of a deleted one (no check): {notChecking.TotalMilliseconds:F2} ms; {Reads} reads each");
        Assert.True((await Stack.GetTaskAsync(stored)).GetProperty("video").TryGetProperty("url", out _));
    }

    private async Task<TimeSpan> TimeReadsAsync(string id, int reads)
    {
        var times = new List<TimeSpan>(reads);
        for (var i = 0; i < reads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await Stack.Api.GetAsync($"api/tasks/{id}");
            response.EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(started));
        }

        return times.Order().ElementAt(reads / 2);
    }

    private async Task<JsonElement> ArchivedAsync()
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt())));
        Assert.Equal("archived", Status(task));
        return task;
    }

    private static string BlobName(JsonElement task) => task.GetProperty("video").GetProperty("blob_name").GetString()!;

    /// <summary>Rewrites the task's timeline as if it had been archived <paramref name="ago"/> earlier.</summary>
    private async Task MoveArchivedTimeBackAsync(string id, TimeSpan ago)
    {
        var entity = (await Stack.EntityAsync(id))!;
        var entries = entity.GetString("Timeline").Split(';');
        var at = entries[^1].IndexOf('@', StringComparison.Ordinal);
        Assert.StartsWith("archived@", entries[^1], StringComparison.Ordinal);
        var moved = DateTimeOffset.Parse(entries[^1][(at + 1)..], CultureInfo.InvariantCulture) - ago;
        entries[^1] = "archived@" + moved.ToString("O", CultureInfo.InvariantCulture);
        entity["Timeline"] = string.Join(';', entries);
        await Stack.TaskTable.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);
    }
}
