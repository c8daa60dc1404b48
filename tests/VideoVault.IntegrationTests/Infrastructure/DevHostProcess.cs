using System.Collections.Concurrent;
using System.Diagnostics;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// One dev host as its own OS process (<c>dotnet VideoVault.DevHost.dll</c>, as built beside the tests),
/// configured only through its environment, on a fixed loopback port so it can be killed and started again
/// where a load balancer expects it. Every line it writes is kept, per run of the process.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly List<Run> _runs = [];
    private Process? _process;

    /// <param name="environment">Settings as environment variables (<c>Section__Key</c>); <c>urls</c> is set from <paramref name="port"/>.</param>
    public DevHostProcess(string name, int port, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _environment = environment;
    }

    public string Name { get; }

    public Uri BaseUri { get; }

    /// <summary>Each start of the process so far, oldest first.</summary>
    public IReadOnlyList<Run> Runs => _runs;

    /// <summary>The build output the test project's reference to the dev host produced, in the tests' own configuration.</summary>
    public static string AssemblyPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryRoot.Find(), "src", "VideoVault.DevHost", "bin", output.Parent!.Name, output.Name, "VideoVault.DevHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The dev host is not built at {path}; build the test project.", path);
    }

    /// <summary>Starts the process and waits until it answers HTTP (any status) on its port.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException($"Dev host {Name} is already running.");
        }

        // The dotnet that runs the tests (dotnet test sets DOTNET_HOST_PATH), so the host runs on the same runtime.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { AssemblyPath() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["urls"] = BaseUri.AbsoluteUri.TrimEnd('/');
        var run = new Run($"{Name}#{_runs.Count + 1}");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => run.Add(e.Data);
        process.ErrorDataReceived += (_, e) => run.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _runs.Add(run);
        await WaitUntilAnswersAsync(process, run);
    }

    /// <summary>Kills the whole process tree at once (SIGKILL on Linux), like a host that crashes, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    private async Task WaitUntilAnswersAsync(Process process, Run run)
    {
        using var probe = ReadinessProbe.Create();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await probe.AnswersAsync(BaseUri))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var why = process.HasExited ? $"exited with {process.ExitCode}" : $"did not answer within {StartTimeout.TotalSeconds:0} s";
                await KillAsync();
                throw new InvalidOperationException($"Dev host {Name} {why}. Its last lines:\n{string.Join('\n', run.Lines.TakeLast(40))}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>One start of the process: its name (host and run number) and every line it wrote to stdout or stderr.</summary>
    public sealed class Run(string name)
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Name { get; } = name;

        public IReadOnlyCollection<string> Lines => _lines;

        internal void Add(string? line)
        {
            if (line is not null)
            {
                _lines.Enqueue(line);
            }
        }
    }
}
