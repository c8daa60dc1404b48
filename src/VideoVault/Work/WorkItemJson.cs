using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoVault.Work;

[JsonSerializable(typeof(WorkItem))]
[JsonSerializable(typeof(WorkItemKind))]
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
internal sealed partial class WorkItemJsonContext : JsonSerializerContext;

internal static class WorkItemJson
{
    /// <summary>The kind as it is written in the message ("submit", "archive", ...), for span names and tags.</summary>
    public static string KindName(WorkItemKind kind) => JsonSerializer.Serialize(kind, WorkItemJsonContext.Default.WorkItemKind).Trim('"');

    public static string Serialize(WorkItem item) => JsonSerializer.Serialize(item, WorkItemJsonContext.Default.WorkItem);

    /// <returns>The item, or null when the text is not a valid work item (such a message can only be dropped).</returns>
    public static WorkItem? TryParse(string text)
    {
        try
        {
            var item = JsonSerializer.Deserialize(text, WorkItemJsonContext.Default.WorkItem);
            return item is { TaskId.Length: > 0, Attempt: >= 0 } && Enum.IsDefined(item.Kind) ? item : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
