namespace VideoVault.IntegrationTests.Storage;

/// <summary>
/// Samples the managed heap and the working set every few milliseconds on a dedicated thread (not the
/// thread pool the upload runs on) and keeps the peaks, so short spikes between GCs are seen too.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private readonly TimeSpan _interval;
    private volatile bool _stopping;
    private long _peakHeap;
    private long _peakWorkingSet;

    public MemorySampler(TimeSpan interval)
    {
        _interval = interval;
        Sample();
        _thread = new Thread(Run) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public long PeakHeap => Interlocked.Read(ref _peakHeap);

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public int Samples { get; private set; }

    /// <summary>Stops sampling after one last sample, so the end state is included.</summary>
    public void Stop()
    {
        _stopping = true;
        _thread.Join();
        Sample();
    }

    public void Dispose()
    {
        if (!_stopping)
        {
            Stop();
        }
    }

    private void Run()
    {
        while (!_stopping)
        {
            Sample();
            Thread.Sleep(_interval);
        }
    }

    private void Sample()
    {
        Samples++;
        Max(ref _peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        Max(ref _peakWorkingSet, Environment.WorkingSet);
    }

    private static void Max(ref long peak, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, current) != current)
        {
        }
    }
}
