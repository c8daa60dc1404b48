using System.Buffers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>
/// Rows written before the model catalog kept a Sora 2 request's inputs in columns of their own and no entry id:
/// they read as the input object and entry a new row stores, so old tasks still submit, retry, read and list.
/// </summary>
internal static class LegacySoraInput
{
    /// <exception cref="FormatException">A column holds another type than the one it was written with.</exception>
    public static string? Read(TableEntity entity)
    {
        if (ModelNames.IsChatCompletions(entity.GetString("Model") ?? string.Empty))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("prompt", TaskEntityMapper.Field("Prompt", entity.GetString) ?? string.Empty);
            WriteIfSet(writer, "aspect_ratio", TaskEntityMapper.Field("AspectRatio", entity.GetString));
            WriteIfSet(writer, "resolution", TaskEntityMapper.Field("Resolution", entity.GetString));
            if (TaskEntityMapper.Field("Duration", entity.GetInt32) is { } duration)
            {
                writer.WriteNumber("duration", duration);
            }

            WriteIfSet(writer, "image_url", TaskEntityMapper.Field("ImageUrl", entity.GetString));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The two Sora 2 entries are named after their task types.</summary>
    public static string? CatalogEntry(TableEntity entity) =>
        entity.GetString("Model") == ModelNames.Sora2 ? entity.GetString("TaskType") : null;

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
