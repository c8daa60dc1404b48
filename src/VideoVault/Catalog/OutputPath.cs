using System.Text.Json;

namespace VideoVault.Catalog;

/// <summary>
/// A place in a task's <c>output</c>, written as dotted property names where <c>name[]</c> steps into each element
/// of an array in turn (<c>works[].video.resource</c>): the first element with a value wins.
/// </summary>
internal static class OutputPath
{
    /// <summary>The absolute http(s) URL at <paramref name="path"/>; null when absent, empty or not a URL.</summary>
    public static Uri? Read(JsonElement output, string path) => Values(output, path.Split('.')).FirstOrDefault();

    /// <summary>How many elements have a URL at <paramref name="path"/> (1 for a path without an array).</summary>
    public static int Count(JsonElement output, string path) => Values(output, path.Split('.')).Count();

    /// <summary>Whether <paramref name="path"/> is well formed: non-empty names, <c>[]</c> only at a name's end.</summary>
    public static bool IsValid(string? path) =>
        !string.IsNullOrWhiteSpace(path)
        && path.Split('.').All(segment => segment.TrimEnd('[', ']').Length > 0
            && !segment.TrimEnd('[', ']').Contains('[') && !segment.TrimEnd('[', ']').Contains(']')
            && (segment.EndsWith("[]", StringComparison.Ordinal) || !segment.Contains('[')));

    private static IEnumerable<Uri> Values(JsonElement node, ReadOnlyMemory<string> segments)
    {
        if (segments.IsEmpty)
        {
            if (node.ValueKind == JsonValueKind.String && Uri.TryCreate(node.GetString(), UriKind.Absolute, out var url)
                && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            {
                yield return url;
            }

            yield break;
        }

        var segment = segments.Span[0];
        var each = segment.EndsWith("[]", StringComparison.Ordinal);
        var name = each ? segment[..^2] : segment;
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out var child))
        {
            yield break;
        }

        if (!each)
        {
            foreach (var value in Values(child, segments[1..]))
            {
                yield return value;
            }

            yield break;
        }

        if (child.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var element in child.EnumerateArray())
        {
            // One URL per element: a work counts once however many of its fields hold a link.
            if (Values(element, segments[1..]).FirstOrDefault() is { } value)
            {
                yield return value;
            }
        }
    }

    private static IEnumerable<Uri> Values(JsonElement node, string[] segments) => Values(node, segments.AsMemory());
}
