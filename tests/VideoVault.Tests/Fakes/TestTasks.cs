using System.Text.Json;
using VideoVault.Archiving;
using VideoVault.PiApi;
using VideoVault.Tasks;

namespace VideoVault.Tests.Fakes;

/// <summary>Tasks, PiAPI answers and copy outcomes as the core meets them.</summary>
internal static class TestTasks
{
    public const string SourceUrl = "https://cdn.piapi.example/videos/done.mp4";

    public static VideoTask New(TimeProvider clock, VideoTaskStatus status = VideoTaskStatus.Submitting, string model = ModelNames.Sora2Video)
    {
        var now = clock.GetUtcNow();
        return new VideoTask
        {
            Id = TaskIds.New(clock),
            Status = status,
            Request = new VideoRequest { Model = model, TaskType = ModelNames.IsChatCompletions(model) ? string.Empty : "txt2video", Prompt = "a cat surfing", InputJson = ModelNames.IsChatCompletions(model) ? null : """{"prompt":"a cat surfing"}""" },
            RequestHash = "hash",
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A task PiAPI has finished, with the link the copy starts from.</summary>
    public static VideoTask Completed(TimeProvider clock) =>
        New(clock, VideoTaskStatus.Completed) with { PiApiTaskId = "piapi-1", SourceUrl = SourceUrl };

    public static PiApiTask PiApiTask(PiApiTaskStatus status, string id = "piapi-1", string? video = null) =>
        new() { TaskId = id, Status = status, Output = video is null ? null : JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["video"] = video }) };

    public static PiApiResult<PiApiTask> Refused(PiApiFailureKind kind, int? status = null, TimeSpan? retryAfter = null) =>
        PiApiResult.Fail<PiApiTask>(new PiApiFailure(kind, (System.Net.HttpStatusCode?)status, null, retryAfter));

    public static ArchiveOutcome Archived() =>
        ArchiveOutcome.Archived(new BlobUploadResult(2048, ContentMd5: [0x01, 0x02], Sha256: [0xab, 0xcd], "\"blob-etag\"", 1));
}
