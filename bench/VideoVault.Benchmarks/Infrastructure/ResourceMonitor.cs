namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>Samples this process's resident set every few milliseconds on its own thread, and counts managed allocations.</summary>
internal sealed class ResourceMonitor : IDisposable
{
    private readonly long _baselineRss;
    private readonly long _baselineAllocated;
    private readonly Thread _sampler;
    private volatile bool _stopped;
    private long _peakRss;

    private ResourceMonitor()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _baselineRss = Environment.WorkingSet;
        _peakRss = _baselineRss;
        _baselineAllocated = GC.GetTotalAllocatedBytes(precise: true);
        _sampler = new Thread(Sample) { IsBackground = true, Name = "rss-sampler" };
        _sampler.Start();
    }

    public static ResourceMonitor Start() => new();

    public long PeakRssGrowth => Interlocked.Read(ref _peakRss) - _baselineRss;

    public long AllocatedBytes => GC.GetTotalAllocatedBytes(precise: true) - _baselineAllocated;

    public void Dispose()
    {
        _stopped = true;
        _sampler.Join();
    }

    private void Sample()
    {
        while (!_stopped)
        {
            var rss = Environment.WorkingSet;
            if (rss > Interlocked.Read(ref _peakRss))
            {
                Interlocked.Exchange(ref _peakRss, rss);
            }

            Thread.Sleep(5);
        }
    }
}
