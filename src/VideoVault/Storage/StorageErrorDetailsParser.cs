using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace VideoVault.Storage;

/// <summary>
/// Reads the service's error code so <see cref="RequestFailedException.ErrorCode"/> carries it: from
/// the x-ms-error-code header, the Blob/Queue XML body, or the Table OData JSON body.
/// </summary>
internal sealed class StorageErrorDetailsParser : RequestFailedDetailsParser
{
    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var (bodyCode, message) = ReadBody(response);
        var code = headerCode ?? bodyCode;
        error = code is null && message is null ? null : new ResponseError(code, message ?? code);
        return error is not null;
    }

    private static (string? Code, string? Message) ReadBody(Response response)
    {
        if (response.Content is null || response.Content.ToMemory().IsEmpty)
        {
            return (null, null);
        }

        var text = response.Content.ToString();
        try
        {
            return text.TrimStart().StartsWith('<') ? FromXml(text) : FromJson(text);
        }
        catch (Exception exception) when (exception is XmlException or JsonException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    private static (string? Code, string? Message) FromXml(string text)
    {
        var root = XDocument.Parse(text).Root;
        return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
    }

    private static (string? Code, string? Message) FromJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        if (!document.RootElement.TryGetProperty("odata.error", out var error)
            && !document.RootElement.TryGetProperty("error", out error))
        {
            return (null, null);
        }

        var code = error.TryGetProperty("code", out var codeElement) ? codeElement.GetString() : null;
        string? message = null;
        if (error.TryGetProperty("message", out var messageElement))
        {
            message = messageElement.ValueKind == JsonValueKind.Object && messageElement.TryGetProperty("value", out var value)
                ? value.GetString()
                : messageElement.ValueKind == JsonValueKind.String ? messageElement.GetString() : null;
        }

        return (code, message);
    }
}
