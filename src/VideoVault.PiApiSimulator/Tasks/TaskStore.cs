using System.Collections.Concurrent;

namespace VideoVault.PiApiSimulator.Tasks;

internal sealed class TaskStore
{
    private readonly ConcurrentDictionary<string, SimulatedTask> tasks = new(StringComparer.Ordinal);

    public void Add(SimulatedTask task)
    {
        if (!tasks.TryAdd(task.Id, task))
        {
            throw new InvalidOperationException($"Task id {task.Id} already exists.");
        }
    }

    public SimulatedTask? Find(string taskId) => tasks.GetValueOrDefault(taskId);
}
