using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// Encodes each task's clip once and keeps the most recent <see cref="SimulatorOptions.ClipCacheSize"/> in memory
/// (a clip is a few tens of KB). Concurrent requests for a clip share one encode, and at most one ffmpeg per core
/// runs at a time, so a burst of new tasks queues instead of starving the machine.
/// </summary>
internal sealed class ClipCache : IDisposable
{
    private readonly ClipEncoder encoder;
    private readonly IHostApplicationLifetime lifetime;
    private readonly MemoryCache cache;
    private readonly ConcurrentDictionary<ClipKey, Lazy<Task<VideoClip>>> encoding = new();
    private readonly SemaphoreSlim encoders = new(Environment.ProcessorCount);

    public ClipCache(ClipEncoder encoder, IHostApplicationLifetime lifetime, IOptions<SimulatorOptions> options)
    {
        this.encoder = encoder;
        this.lifetime = lifetime;
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.ClipCacheSize });
    }

    public async Task<VideoClip> GetAsync(string taskId, ClipPreset preset, CancellationToken cancellationToken)
    {
        var key = new ClipKey(taskId, preset.Name);
        if (cache.TryGetValue(key, out VideoClip? cached) && cached is not null)
        {
            return cached;
        }

        // The encode belongs to no single request: a caller that gives up stops waiting, the encode goes on for the next.
        var pending = encoding.GetOrAdd(key, _ => new Lazy<Task<VideoClip>>(() => EncodeAndKeepAsync(key, preset)));
        return await pending.Value.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        cache.Dispose();
        encoders.Dispose();
    }

    private async Task<VideoClip> EncodeAndKeepAsync(ClipKey key, ClipPreset preset)
    {
        try
        {
            var stopping = lifetime.ApplicationStopping;
            await encoders.WaitAsync(stopping);
            VideoClip clip;
            try
            {
                clip = await encoder.EncodeAsync(key.TaskId, preset, stopping);
            }
            finally
            {
                encoders.Release();
            }

            cache.Set(key, clip, new MemoryCacheEntryOptions { Size = 1 });
            return clip;
        }
        finally
        {
            // A failed encode is forgotten with it, so the next request tries again.
            encoding.TryRemove(key, out _);
        }
    }

    private readonly record struct ClipKey(string TaskId, string Preset);
}
