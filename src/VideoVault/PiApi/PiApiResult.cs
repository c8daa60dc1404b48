using System.Diagnostics.CodeAnalysis;

namespace VideoVault.PiApi;

/// <summary>The outcome of a PiAPI call: the task, or why there is none.</summary>
public sealed class PiApiResult
{
    private PiApiResult(PiApiTask? task, PiApiFailure? failure)
    {
        Task = task;
        Failure = failure;
    }

    public PiApiTask? Task { get; }

    public PiApiFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Task))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Task is not null;

    public static PiApiResult Success(PiApiTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new PiApiResult(task, null);
    }

    public static PiApiResult Fail(PiApiFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new PiApiResult(null, failure);
    }
}
