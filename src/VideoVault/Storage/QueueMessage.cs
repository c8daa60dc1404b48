namespace VideoVault.Storage;

public sealed record QueueMessage(string MessageId, string PopReceipt, long DequeueCount, string Text, DateTimeOffset? InsertedOn, DateTimeOffset? NextVisibleOn);

public sealed record QueueMessageReceipt(string MessageId, string PopReceipt, DateTimeOffset? NextVisibleOn);
