using System.Text.Json.Serialization;

namespace VideoVault.PiApi;

/// <summary>A PiAPI task's status. PiAPI spells statuses in lower case and capitalised.</summary>
[JsonConverter(typeof(PiApiTaskStatusConverter))]
internal enum PiApiTaskStatus
{
    // Zero so that a missing status reads as Unknown rather than as a real state.
    Unknown = 0,
    Pending,
    Staged,
    Processing,
    Running,
    Completed,
    Failed,
    Cancelled,
}
