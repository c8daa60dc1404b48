using System.Text.Json;

namespace VideoVault.PiApi;

/// <summary>A task's <c>error</c>. PiAPI sends it on every task; <c>code</c> 0 means no error.</summary>
internal sealed record PiApiTaskError
{
    public int Code { get; init; }

    public string? RawMessage { get; init; }

    public string? Message { get; init; }

    public JsonElement? Detail { get; init; }
}
