using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

public sealed class CreateOnceTests
{
    [Fact]
    public async Task Concurrent_callers_share_one_creation()
    {
        var calls = 0;
        var gate = new TaskCompletionSource();
        var once = new CreateOnce(async _ =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
        });

        var waits = Enumerable.Range(0, 5).Select(_ => once.EnsureAsync(CancellationToken.None)).ToList();
        gate.SetResult();
        await Task.WhenAll(waits);
        await once.EnsureAsync(CancellationToken.None);

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_failed_creation_is_forgotten_so_the_next_caller_tries_again()
    {
        var calls = 0;
        var once = new CreateOnce(_ => ++calls == 1 ? Task.FromException(new IOException("storage down")) : Task.CompletedTask);

        await Assert.ThrowsAsync<IOException>(() => once.EnsureAsync(CancellationToken.None));
        await once.EnsureAsync(CancellationToken.None);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_creation_for_the_others()
    {
        var gate = new TaskCompletionSource();
        CancellationToken seen = default;
        var once = new CreateOnce(async token =>
        {
            seen = token;
            await gate.Task;
        });
        using var impatient = new CancellationTokenSource();

        var first = once.EnsureAsync(impatient.Token);
        var second = once.EnsureAsync(CancellationToken.None);
        await impatient.CancelAsync();
        gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await second;
        Assert.False(seen.CanBeCanceled);
    }
}
