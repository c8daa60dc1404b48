using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace VideoVault.Tests.Storage;

/// <summary>A fixed storage response for <see cref="RecordingTransport"/>.</summary>
internal sealed class CannedResponse(int status, string body = "", params (string Name, string Value)[] headers) : Response
{
    private readonly Dictionary<string, string> _headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);

    public override int Status => status;

    public override string ReasonPhrase => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override Stream? ContentStream { get; set; } = new MemoryStream(Encoding.UTF8.GetBytes(body));

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = _headers.TryGetValue(name, out var value) ? [value] : null;
        return values is not null;
    }
}
