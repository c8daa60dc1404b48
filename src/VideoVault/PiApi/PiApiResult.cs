using System.Diagnostics.CodeAnalysis;

namespace VideoVault.PiApi;

/// <summary>The outcome of a PiAPI call: what it returned (a task, an open stream), or why there is none.</summary>
internal sealed class PiApiResult<T>
    where T : class
{
    internal PiApiResult(T? value, PiApiFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public PiApiFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Value is not null;
}

/// <summary>Makes <see cref="PiApiResult{T}"/>s; a success's type is inferred from its value.</summary>
internal static class PiApiResult
{
    public static PiApiResult<T> Success<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new PiApiResult<T>(value, null);
    }

    public static PiApiResult<T> Fail<T>(PiApiFailure failure)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new PiApiResult<T>(null, failure);
    }
}
