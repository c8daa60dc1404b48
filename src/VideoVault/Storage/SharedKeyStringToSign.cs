using System.Globalization;
using System.Text;
using Azure.Core;

namespace VideoVault.Storage;

/// <summary>The strings that Shared Key authorization signs, per the Azure Storage REST reference.</summary>
internal static class SharedKeyStringToSign
{
    public static string For(SharedKeyFlavor flavor, Request request, string accountName) =>
        flavor == SharedKeyFlavor.Table ? ForTable(request, accountName) : ForBlobOrQueue(request, accountName);

    public static string ForBlobOrQueue(Request request, string accountName)
    {
        var builder = new StringBuilder(256)
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(ContentLength(request)).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append(Header(request, "Date")).Append('\n')
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');
        AppendCanonicalizedHeaders(builder, request);
        AppendCanonicalizedResource(builder, request.Uri.ToUri(), accountName);
        return builder.ToString();
    }

    public static string ForTable(Request request, string accountName)
    {
        var uri = request.Uri.ToUri();
        var builder = new StringBuilder(128)
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append(Header(request, "x-ms-date")).Append('\n')
            .Append('/').Append(accountName).Append(uri.AbsolutePath);

        // Table signs only the comp parameter of the query.
        foreach (var (name, value) in QueryParameters(uri))
        {
            if (name == "comp")
            {
                builder.Append("?comp=").Append(value);
            }
        }

        return builder.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>Since version 2015-02-21 a zero length is signed as an empty string.</summary>
    private static string ContentLength(Request request) =>
        request.Content is { } content && content.TryComputeLength(out var length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : string.Empty;

    private static void AppendCanonicalizedHeaders(StringBuilder builder, Request request)
    {
        var headers = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var header in request.Headers)
        {
            if (!header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = header.Name.ToLowerInvariant();
            if (!headers.TryGetValue(name, out var values))
            {
                headers[name] = values = [];
            }

            values.Add(header.Value.Trim());
        }

        foreach (var (name, values) in headers)
        {
            builder.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        }
    }

    private static void AppendCanonicalizedResource(StringBuilder builder, Uri uri, string accountName)
    {
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath);
        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in QueryParameters(uri))
        {
            if (!parameters.TryGetValue(name, out var values))
            {
                parameters[name] = values = [];
            }

            values.Add(value);
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').AppendJoin(',', values);
        }
    }

    /// <summary>Decoded query parameters with lower-case names, as both layouts want them.</summary>
    private static IEnumerable<(string Name, string Value)> QueryParameters(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            yield break;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            yield return (Uri.UnescapeDataString(name).ToLowerInvariant(), Uri.UnescapeDataString(value));
        }
    }
}
