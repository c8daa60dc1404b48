using System.Text.Json.Serialization;

namespace VideoVault.PiApi;

/// <summary>A task's timing and usage. A time PiAPI has not set yet is <c>null</c>.</summary>
internal sealed record PiApiTaskMeta
{
    [JsonConverter(typeof(PiApiTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonConverter(typeof(PiApiTimestampConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonConverter(typeof(PiApiTimestampConverter))]
    public DateTimeOffset? EndedAt { get; init; }

    public PiApiTaskUsage? Usage { get; init; }

    public bool IsUsingPrivatePool { get; init; }
}
