namespace VideoVault.PiApi;

/// <summary>The PiAPI call a log entry is about.</summary>
internal enum PiApiOperation
{
    CreateTask,
    GetTask,
    CancelTask,
    ChatCompletion,
}
