namespace VideoVault;

public static class WorkQueueNames
{
    /// <summary>The Functions queue trigger moves messages that failed too often to this queue.</summary>
    public static string Poison(string queue) => queue + "-poison";
}
