using System.Diagnostics.CodeAnalysis;

namespace VideoVault.PiApi;

/// <summary>The outcome of opening a chat completions stream: the stream, or why there is none.</summary>
public sealed class PiApiChatResult
{
    private PiApiChatResult(PiApiChatStream? stream, PiApiFailure? failure)
    {
        Stream = stream;
        Failure = failure;
    }

    public PiApiChatStream? Stream { get; }

    public PiApiFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Stream))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Stream is not null;

    public static PiApiChatResult Success(PiApiChatStream stream) => new(stream, null);

    public static PiApiChatResult Fail(PiApiFailure failure) => new(null, failure);
}
