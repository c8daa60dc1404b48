namespace VideoVault;

public static class WorkQueueNames
{
    /// <summary>The Functions queue trigger moves messages that failed too often to the queue named with this suffix.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>
    /// The work queue as a Functions binding expression. The host resolves <c>%...%</c> from the
    /// same app setting the app binds to <see cref="VideoVaultOptions.WorkQueue"/>
    /// (<c>VideoVault__WorkQueue</c>; <c>__</c> and <c>:</c> name the same configuration key), so
    /// the trigger and the code that enqueues can never name different queues. The host refuses to
    /// index the trigger when the setting is missing: it must be set even though the app has a default.
    /// </summary>
    public const string WorkQueueTrigger = "%" + VideoVaultOptions.SectionName + ":" + nameof(VideoVaultOptions.WorkQueue) + "%";

    /// <summary>The poison queue of <see cref="WorkQueueTrigger"/>, as a binding expression.</summary>
    public const string PoisonQueueTrigger = WorkQueueTrigger + PoisonSuffix;

    public static string Poison(string queue) => queue + PoisonSuffix;
}
