using System.Globalization;

namespace VideoVault.Tasks;

/// <summary>One name per task, fixed by its creation date and id, so every copy attempt writes the same blob.</summary>
internal static class BlobNames
{
    public static string For(VideoTask task) =>
        task.CreatedAt.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture) + "/" + task.Id + ".mp4";
}
