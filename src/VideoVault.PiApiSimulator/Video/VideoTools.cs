namespace VideoVault.PiApiSimulator.Video;

/// <summary>Finding ffmpeg and keeping what is put into its filter graph free of the graph's syntax.</summary>
internal static class VideoTools
{
    /// <summary>Where <paramref name="command"/> runs from: itself when it is a path, else the first match on <c>PATH</c>.</summary>
    public static string? Locate(string command)
    {
        if (command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(command) ? command : null;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return directories.Select(directory => Path.Combine(directory, command)).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Whether <paramref name="value"/> can stand unquoted as a filter option value. Quoting and escaping in a
    /// filter graph happen at two levels and differ between ffmpeg versions; task ids (GUIDs, <c>task_</c> ULIDs) and
    /// ordinary font paths never need them, so anything else is refused rather than escaped.
    /// </summary>
    public static bool IsFilterSafe(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/');
}
