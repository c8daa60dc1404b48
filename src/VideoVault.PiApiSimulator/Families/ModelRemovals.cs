using System.Collections.Immutable;
using Microsoft.Extensions.Options;

namespace VideoVault.PiApiSimulator.Families;

/// <summary>
/// Which models and task types answer like models PiAPI no longer serves: <c>Simulator:RemovedModels</c>, read live,
/// plus a list set at run time (<see cref="Replace"/>, or <c>PUT /admin/removed-models</c>). An entry is a model
/// (<c>veo3</c>) or <c>model/task_type</c> (<c>kling/omni_video_generation</c>).
/// </summary>
public sealed class ModelRemovals(IOptionsMonitor<SimulatorOptions> options)
{
    private ImmutableHashSet<string> runtime = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Names a removal entry may take: every model and every <c>model/task_type</c> the simulator serves.</summary>
    public static IReadOnlySet<string> KnownNames => FamilyCatalog.Names;

    /// <summary>The entries from settings and from run time together.</summary>
    public IReadOnlySet<string> Current => Volatile.Read(ref runtime).Union(options.CurrentValue.RemovedModels);

    /// <summary>The entries set at run time (settings are kept apart and still apply).</summary>
    public IReadOnlySet<string> RunTime => Volatile.Read(ref runtime);

    /// <summary>Replaces the run-time entries.</summary>
    /// <exception cref="ArgumentException">An entry names no model or task type the simulator serves.</exception>
    public void Replace(IEnumerable<string> names)
    {
        var next = names.ToImmutableHashSet(StringComparer.Ordinal);
        if (next.FirstOrDefault(name => !KnownNames.Contains(name)) is { } unknown)
        {
            throw new ArgumentException($"'{unknown}' is not a model or model/task_type the simulator serves.", nameof(names));
        }

        Volatile.Write(ref runtime, next);
    }

    /// <returns>The message of PiAPI's 500 for a removed model or task type, or null when the pair is served.</returns>
    internal string? Refusal(string? model, string? taskType)
    {
        var current = Current;
        return model is not null && current.Contains(model) ? "failed to create task: model not found"
            : current.Contains($"{model}/{taskType}") ? $"failed to create task: task_type {taskType} not supported"
            : null;
    }
}
