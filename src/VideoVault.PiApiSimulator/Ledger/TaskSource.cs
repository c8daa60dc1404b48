namespace VideoVault.PiApiSimulator.Ledger;

/// <summary>Which vendor API created a task.</summary>
public enum TaskSource
{
    /// <summary><c>POST /api/v1/task</c> (unified task API, webhooks).</summary>
    TaskApi,

    /// <summary><c>POST /v1/chat/completions</c> (SSE stream, no webhooks).</summary>
    ChatCompletions,
}
