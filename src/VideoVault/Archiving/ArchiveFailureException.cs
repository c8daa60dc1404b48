namespace VideoVault.Archiving;

/// <summary>
/// A classified download failure. Thrown from deep inside the download (the body stream, the connect
/// callback) so that the archiver can turn it into an outcome without guessing from a generic exception.
/// </summary>
internal sealed class ArchiveFailureException : Exception
{
    public ArchiveFailureException(ArchiveOutcomeKind kind, string reason, Exception? innerException = null)
        : base(reason, innerException)
    {
        Kind = kind;
    }

    public ArchiveOutcomeKind Kind { get; }

    public static ArchiveFailureException Transient(string reason, Exception? innerException = null) =>
        new(ArchiveOutcomeKind.TransientFailure, reason, innerException);

    public static ArchiveFailureException Permanent(string reason) =>
        new(ArchiveOutcomeKind.PermanentFailure, reason);
}
