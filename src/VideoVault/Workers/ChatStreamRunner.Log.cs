using Microsoft.Extensions.Logging;
using VideoVault.PiApi;

namespace VideoVault.Workers;

internal sealed partial class ChatStreamRunner
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Task {TaskId}: opening the chat completions stream (attempt {Attempt})")]
        public static partial void Opening(ILogger logger, string taskId, int attempt);

        [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Task {TaskId}: another worker is opening its stream (claim until {LeaseUntil}); looking again after that")]
        public static partial void ClaimHeld(ILogger logger, string taskId, DateTimeOffset leaseUntil);

        [LoggerMessage(EventId = 802, Level = LogLevel.Warning, Message = "Task {TaskId}: opening the stream failed with {Kind} (attempt {Attempt}); retrying in {Delay}")]
        public static partial void OpenRetry(ILogger logger, string taskId, PiApiFailureKind kind, int attempt, TimeSpan delay);

        [LoggerMessage(EventId = 803, Level = LogLevel.Error, Message = "Task {TaskId}: opening the stream failed for good with {Kind} after {Attempt} attempt(s)")]
        public static partial void OpenFailed(ILogger logger, string taskId, PiApiFailureKind kind, int attempt);

        [LoggerMessage(EventId = 804, Level = LogLevel.Information, Message = "Task {TaskId}: the stream started")]
        public static partial void Started(ILogger logger, string taskId);

        [LoggerMessage(EventId = 805, Level = LogLevel.Warning, Message = "Task {TaskId}: the claim was taken over while the stream opened; closing this stream")]
        public static partial void ClaimLost(ILogger logger, string taskId);

        [LoggerMessage(EventId = 806, Level = LogLevel.Warning, Message = "Task {TaskId} became {Status} elsewhere while its stream ran; closing the stream")]
        public static partial void EndedElsewhere(ILogger logger, string taskId, string status);

        [LoggerMessage(EventId = 807, Level = LogLevel.Warning, Message = "Task {TaskId} failed: {Reason}")]
        public static partial void StreamFailed(ILogger logger, string taskId, string reason);

        [LoggerMessage(EventId = 808, Level = LogLevel.Information, Message = "Task {TaskId}: the stream delivered the video of PiAPI task {PiApiTaskId}; archiving it")]
        public static partial void Completed(ILogger logger, string taskId, string? piApiTaskId);

        [LoggerMessage(EventId = 809, Level = LogLevel.Warning, Message = "Task {TaskId}: the worker stopped while the stream ran; the task fails (a stream cannot be resumed)")]
        public static partial void Interrupted(ILogger logger, string taskId);

        [LoggerMessage(EventId = 810, Level = LogLevel.Error, Message = "Task {TaskId}: opening the stream was given up after {Attempt} attempt(s)")]
        public static partial void GaveUp(ILogger logger, string taskId, int attempt);

        [LoggerMessage(EventId = 811, Level = LogLevel.Warning, Message = "Task {TaskId}: what the stop did could not be recorded; the lease will run out instead")]
        public static partial void StopNotRecorded(ILogger logger, string taskId, Exception exception);
    }
}
