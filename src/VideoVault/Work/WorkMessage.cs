using System.Text;

namespace VideoVault.Work;

/// <summary>
/// Reads a work-queue message as the queue trigger hands it over. host.json's <c>messageEncoding</c> is
/// <c>none</c>, so the trigger passes every message's text as stored and no message can fail to decode
/// before the app sees it (under base64 the host moved such a message to the poison queue, where the
/// poison trigger could not decode it either, and it stayed for ever). The app writes raw JSON; a
/// message queued by an earlier version is base64 of that JSON, and still reads.
/// </summary>
internal static class WorkMessage
{
    /// <returns>The item, or null when the message is no work item in either form (such a message can only be dropped).</returns>
    public static WorkItem? TryRead(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        // A JSON object starts with '{', which is no base64 character: the two forms cannot be mistaken.
        if (message.AsSpan().TrimStart()[0] == '{')
        {
            return WorkItemJson.TryParse(message);
        }

        var bytes = new byte[message.Length * 3 / 4];
        return Convert.TryFromBase64String(message, bytes, out var written)
            ? WorkItemJson.TryParse(Encoding.UTF8.GetString(bytes, 0, written))
            : null;
    }
}
