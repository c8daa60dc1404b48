using VideoVault.Events;

namespace VideoVault.Tests.Events;

/// <summary>One worker per task at a time in a process, tasks side by side, and nothing kept once nobody holds or waits.</summary>
public sealed class TaskGateTests
{
    [Fact]
    public async Task A_second_worker_on_the_same_task_waits_while_another_task_goes_at_once()
    {
        var gate = new TaskGate();
        var first = await gate.EnterAsync("a", CancellationToken.None);

        var same = gate.EnterAsync("a", CancellationToken.None);
        var other = gate.EnterAsync("b", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        Assert.False(same.IsCompleted);
        first.Dispose();
        (await same).Dispose();
        (await other).Dispose();
        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_leaves_the_task_to_the_holder_and_nothing_behind()
    {
        var gate = new TaskGate();
        var holder = await gate.EnterAsync("a", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync("a", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, gate.Count);
        holder.Dispose();
        holder.Dispose();
        Assert.Equal(0, gate.Count);
        (await gate.EnterAsync("a", CancellationToken.None)).Dispose();
    }
}
