using System.Diagnostics;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>The last lines a child process wrote, kept so a failed start can show why.</summary>
internal sealed class ProcessOutput
{
    private const int MaxLines = 200;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Add("out", e.Data);
        process.ErrorDataReceived += (_, e) => Add("err", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _lines.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, _lines);
        }
    }

    private void Add(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue($"[{stream}] {line}");
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
