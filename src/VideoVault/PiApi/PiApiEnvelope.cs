using System.Text.Json;

namespace VideoVault.PiApi;

/// <summary>
/// PiAPI's response envelope <c>{code, data, message}</c>. <c>data</c> stays raw because error
/// answers carry anything there (null, <c>{}</c>, a partial task); it is read as a task only when
/// <c>code</c> is 200.
/// </summary>
internal sealed record PiApiEnvelope
{
    public int Code { get; init; }

    public JsonElement Data { get; init; }

    public string? Message { get; init; }
}
