namespace VideoVault.Storage;

/// <summary>
/// A Table entity: its keys, ETag, timestamp and typed properties. Values may be string, int, long,
/// double, bool, DateTimeOffset, Guid or byte[]; each is sent with the OData type the service expects.
/// </summary>
public sealed class TableEntity(string partitionKey, string rowKey)
{
    public string PartitionKey { get; } = partitionKey;

    public string RowKey { get; } = rowKey;

    public string? ETag { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public Dictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

    public object? this[string name]
    {
        get => Properties.GetValueOrDefault(name);
        set => Properties[name] = value;
    }

    public string? GetString(string name) => Properties.GetValueOrDefault(name) as string;

    public int? GetInt32(string name) => Properties.GetValueOrDefault(name) switch
    {
        int value => value,
        long value when value is >= int.MinValue and <= int.MaxValue => (int)value,
        _ => null,
    };

    public long? GetInt64(string name) => Properties.GetValueOrDefault(name) switch
    {
        long value => value,
        int value => value,
        _ => null,
    };

    public double? GetDouble(string name) => Properties.GetValueOrDefault(name) switch
    {
        double value => value,
        int value => value,
        long value => value,
        _ => null,
    };

    public bool? GetBoolean(string name) => Properties.GetValueOrDefault(name) as bool?;

    public DateTimeOffset? GetDateTimeOffset(string name) => Properties.GetValueOrDefault(name) as DateTimeOffset?;

    public Guid? GetGuid(string name) => Properties.GetValueOrDefault(name) as Guid?;

    public byte[]? GetBinary(string name) => Properties.GetValueOrDefault(name) as byte[];
}
