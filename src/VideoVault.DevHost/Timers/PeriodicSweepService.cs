namespace VideoVault.DevHost.Timers;

/// <summary>The dev host's stand-in for a Functions timer trigger: runs one sweep every <paramref name="interval"/>.</summary>
/// <param name="name">Which sweep, for the log.</param>
internal sealed partial class PeriodicSweepService(
    string name,
    TimeSpan interval,
    Func<CancellationToken, Task> sweep,
    TimeProvider timeProvider,
    ILogger<PeriodicSweepService> logger) : BackgroundService
{
    /// <summary>Adds a hosted service that runs <typeparamref name="TSweep"/>'s sweep through <paramref name="run"/>.</summary>
    public static void Add<TSweep>(IServiceCollection services, string name, TimeSpan interval, Func<TSweep, CancellationToken, Task> run)
        where TSweep : notnull =>
        services.AddSingleton<IHostedService>(sp => new PeriodicSweepService(
            name, interval, ct => run(sp.GetRequiredService<TSweep>(), ct), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PeriodicSweepService>>()));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await sweep(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Like a timer function that failed: log and try again at the next tick.
                Log.SweepFailed(logger, name, exception);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 910, Level = LogLevel.Warning, Message = "{Sweep} sweep failed; trying again at the next tick")]
        public static partial void SweepFailed(ILogger logger, string sweep, Exception exception);
    }
}
