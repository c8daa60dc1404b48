namespace VideoVault.Tasks;

/// <summary>A stored task row that this version of the app cannot read (an unknown status, a value of the wrong type).</summary>
internal sealed class UnreadableTaskException(string taskId, string reason, Exception? innerException = null)
    : Exception($"Task {taskId} is stored in a form this version cannot read: {reason}", innerException)
{
    public string TaskId { get; } = taskId;

    public string Reason { get; } = reason;
}
