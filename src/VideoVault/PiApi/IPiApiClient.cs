namespace VideoVault.PiApi;

/// <summary>
/// PiAPI's unified task API. PiAPI's and the network's failures are returned as
/// <see cref="PiApiResult{T}"/>s, never thrown; only invalid arguments and the caller's own
/// cancellation (<see cref="OperationCanceledException"/>) throw.
/// </summary>
internal interface IPiApiClient
{
    /// <summary><c>POST /api/v1/task</c>.</summary>
    Task<PiApiResult<PiApiTask>> CreateTaskAsync(PiApiCreateTaskRequest request, CancellationToken cancellationToken);

    /// <summary><c>GET /api/v1/task/{taskId}</c>.</summary>
    Task<PiApiResult<PiApiTask>> GetTaskAsync(string taskId, CancellationToken cancellationToken);

    /// <summary><c>DELETE /api/v1/task/{taskId}</c>: cancels a pending task (PiAPI refuses once it is processing, and for models without cancel).</summary>
    Task<PiApiResult<PiApiCancellation>> CancelTaskAsync(string taskId, CancellationToken cancellationToken);
}
