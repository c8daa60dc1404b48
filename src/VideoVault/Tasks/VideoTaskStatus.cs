namespace VideoVault.Tasks;

/// <summary>A task's state in VideoVault (not PiAPI's own status). Stored and shown in snake_case.</summary>
internal enum VideoTaskStatus
{
    Submitting,
    Pending,
    Processing,
    Completed,
    Archiving,
    Archived,
    SubmitFailed,
    Failed,
    ArchiveFailed,
    Expired,

    /// <summary>Stopped on request (a caller's cancel or its deadline) before PiAPI worked on it, or cancelled by PiAPI itself.</summary>
    Cancelled,
}
