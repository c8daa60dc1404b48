using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// A real Azurite (blob, queue and table) in a child <c>node</c> process on free loopback ports, with
/// its data in a temporary folder. Tests can stop and restart it on the same ports and data to prove
/// the app recovers from a storage outage.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key: public by design, not a secret.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(5);
    private const int StartAttempts = 3;

    private readonly string _script;
    private readonly AzuriteOptions _options;
    private readonly int[] _ports;
    private Process? _process;
    private ProcessOutput _output = new();

    private AzuriteProcess(string script, AzuriteOptions options, string location, int[] ports)
    {
        _script = script;
        _options = options;
        _ports = ports;
        Location = location;
        var scheme = options.UseHttps ? "https" : "http";
        BlobEndpoint = new Uri($"{scheme}://127.0.0.1:{ports[0]}/{AccountName}");
        QueueEndpoint = new Uri($"{scheme}://127.0.0.1:{ports[1]}/{AccountName}");
        TableEndpoint = new Uri($"{scheme}://127.0.0.1:{ports[2]}/{AccountName}");
        ConnectionString =
            $"DefaultEndpointsProtocol={scheme};AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";
        Clients = new StorageClientFactory(Options.Create(new StorageConnectionSettings { Name = "VideoVaultStorage", ConnectionString = ConnectionString }));
    }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>Shared Key connection string with explicit path-style endpoints (no fixed 10000-10002 ports).</summary>
    public string ConnectionString { get; }

    /// <summary>The product's clients for <see cref="ConnectionString"/>: pinned service versions, its retries.</summary>
    internal StorageClientFactory Clients { get; }

    /// <summary>Azurite's data folder (deleted on dispose).</summary>
    public string Location { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The node process id while Azurite runs, e.g. to read its CPU time.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>Starts Azurite and waits until all three services answer HTTP.</summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed (run <c>npm ci</c>) or did not come up in time.</exception>
    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions? options = null)
    {
        options ??= new AzuriteOptions();
        options.Validate();
        var script = RepositoryRoot.AzuriteScript();
        for (var attempt = 1; ; attempt++)
        {
            var location = Directory.CreateTempSubdirectory("videovault-azurite-").FullName;
            var azurite = new AzuriteProcess(script, options, location, LoopbackPorts.Reserve(3));
            try
            {
                await azurite.LaunchAsync().ConfigureAwait(false);
                return azurite;
            }
            catch (AzuriteStartException exception) when (exception.PortInUse && attempt < StartAttempts)
            {
                // Someone took one of the ports between our check and Azurite's bind: try other ports.
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Stops Azurite: SIGTERM first so it saves its metadata (it autosaves only every 5 s), then, if it
    /// is still alive after a few seconds, kills its whole process tree. Waits until it has exited.
    /// </summary>
    public Task StopAsync() => StopCoreAsync(graceful: true);

    /// <summary>Kills Azurite's process tree at once, like a crash: writes of the last seconds may be lost.</summary>
    public Task KillAsync() => StopCoreAsync(graceful: false);

    /// <summary>Starts Azurite again on the same ports and data folder (stopping it first if it runs).</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await LaunchAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopCoreAsync(graceful: false).ConfigureAwait(false);
        DeleteLocation();
    }

    public override string ToString() => $"Azurite blob {BlobEndpoint}, queue {QueueEndpoint}, table {TableEndpoint}";

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Location,
        };
        foreach (var argument in Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        // A developer's custom accounts would replace the well-known key the tests sign with.
        start.Environment.Remove("AZURITE_ACCOUNTS");
        _output = new ProcessOutput();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("Could not run 'node' to start Azurite; install Node.js and run 'npm ci' in the repository root.", exception);
        }

        _process = process;
        _output.Attach(process);
        try
        {
            await WaitUntilReadyAsync(process).ConfigureAwait(false);
        }
        catch
        {
            await StopCoreAsync(graceful: false).ConfigureAwait(false);
            throw;
        }
    }

    private IEnumerable<string> Arguments()
    {
        string[] arguments =
        [
            _script,
            "--blobHost", "127.0.0.1", "--blobPort", Port(0),
            "--queueHost", "127.0.0.1", "--queuePort", Port(1),
            "--tableHost", "127.0.0.1", "--tablePort", Port(2),
            "--silent",
            "--disableTelemetry",
        ];
        foreach (var argument in arguments)
        {
            yield return argument;
        }

        if (_options.UseHttps)
        {
            yield return "--cert";
            yield return _options.CertificatePath!;
            yield return "--key";
            yield return _options.KeyPath!;
        }

        if (_options.OAuth)
        {
            yield return "--oauth";
            yield return "basic";
        }

        // Azurite refuses a location with in-memory persistence; it still runs in Location, where its debug log goes.
        if (_options.InMemory)
        {
            yield return "--inMemoryPersistence";
        }
        else
        {
            yield return "--location";
            yield return Location;
        }

        if (DebugLogPath() is { } debugLog)
        {
            yield return "--debug";
            yield return debugLog;
        }
    }

    /// <summary>The configured debug log, else one per Azurite in the folder named by <c>VIDEOVAULT_AZURITE_DEBUG_DIR</c>.</summary>
    private string? DebugLogPath() =>
        _options.DebugLogPath
        ?? (Environment.GetEnvironmentVariable("VIDEOVAULT_AZURITE_DEBUG_DIR") is { Length: > 0 } folder
            ? Path.Combine(folder, $"azurite-{Port(0)}.log")
            : null);

    private string Port(int index) => _ports[index].ToString(CultureInfo.InvariantCulture);

    private async Task WaitUntilReadyAsync(Process process)
    {
        using var probe = ReadinessProbe.Create();
        var deadline = Stopwatch.StartNew();
        Uri[] endpoints = [BlobEndpoint, QueueEndpoint, TableEndpoint];
        var pending = endpoints.Select(e => new Uri(e.GetLeftPart(UriPartial.Authority) + "/")).ToList();
        while (pending.Count > 0)
        {
            if (process.HasExited)
            {
                // Let the output readers drain what the process wrote before it died.
                await process.WaitForExitAsync().ConfigureAwait(false);
                var output = _output.ToString();
                throw new AzuriteStartException(
                    $"Azurite exited with code {process.ExitCode} before answering on {string.Join(", ", pending)}.{Environment.NewLine}{output}",
                    portInUse: output.Contains("EADDRINUSE", StringComparison.Ordinal));
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new AzuriteStartException(
                    $"Azurite did not answer on {string.Join(", ", pending)} within {StartTimeout.TotalSeconds:0} s.{Environment.NewLine}{_output}",
                    portInUse: false);
            }

            var answered = new List<Uri>();
            foreach (var endpoint in pending)
            {
                if (await probe.AnswersAsync(endpoint).ConfigureAwait(false))
                {
                    answered.Add(endpoint);
                }
            }

            pending.RemoveAll(answered.Contains);
            if (pending.Count > 0)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private async Task StopCoreAsync(bool graceful)
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        using (process)
        {
            if (!process.HasExited && graceful && !OperatingSystem.IsWindows())
            {
                _ = SendSignal(process.Id, SignalTerminate);
                using var grace = new CancellationTokenSource(GracefulStopTimeout);
                try
                {
                    await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Still running after the grace period: fall through to the kill.
                }
            }

            if (!process.HasExited)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the check and the kill.
                }
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    private void DeleteLocation()
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(Location); attempt++)
        {
            try
            {
                Directory.Delete(Location, recursive: true);
            }
            catch (IOException)
            {
                // A just-killed process may still hold a file for a moment.
                Thread.Sleep(200);
            }
        }
    }

    private const int SignalTerminate = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}
