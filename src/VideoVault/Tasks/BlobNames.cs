using System.Globalization;

namespace VideoVault.Tasks;

/// <summary>One name per task, fixed by its creation date and id, so every copy attempt writes the same blob.</summary>
internal static class BlobNames
{
    public static string For(VideoTask task) => Stem(task) + ".mp4";

    /// <summary>The poster's name before its extension, which the image's type decides.</summary>
    public static string PosterStem(VideoTask task) => Stem(task) + ".poster";

    private static string Stem(VideoTask task) =>
        task.CreatedAt.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture) + "/" + task.Id;
}
