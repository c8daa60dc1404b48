namespace VideoVault.PiApiSimulator.Video;

/// <summary>A task's video at a given size: the largest clip that fits, padded to the exact size.</summary>
internal sealed class VideoSource(ClipCache clips)
{
    /// <exception cref="InvalidOperationException">Even the smallest clip is larger than <paramref name="size"/>.</exception>
    public async Task<PaddedVideo> OpenAsync(string taskId, long size, CancellationToken cancellationToken)
    {
        VideoClip? smallest = null;
        foreach (var preset in ClipPreset.BySize)
        {
            smallest = await clips.GetAsync(taskId, preset, cancellationToken);
            if (smallest.Length <= size)
            {
                return new PaddedVideo(taskId, smallest, size);
            }
        }

        throw new InvalidOperationException($"The smallest clip of task {taskId} has {smallest?.Length} bytes, more than the {size} asked for.");
    }
}
