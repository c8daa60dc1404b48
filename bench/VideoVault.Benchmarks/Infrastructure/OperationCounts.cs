using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>
/// The storage requests one operation issues, its background work included: a number of them one after another
/// while a <see cref="StorageRequestCounter"/> listens, until the background work is drained, averaged. Left out:
/// queue receives (the dev host polling its work queue, whatever the operation) and queue property reads (how
/// <see cref="QueueFill"/> waits for the drain).
/// </summary>
internal static class OperationCounts
{
    public static async Task<IReadOnlyDictionary<string, double>> PerOperationAsync(AzuriteProcess azurite, string eventsQueue, int count, Func<int, Task> operation, Func<Task> drainAsync)
    {
        using var counter = new StorageRequestCounter(azurite.TableEndpoint, azurite.QueueEndpoint, azurite.BlobEndpoint, eventsQueue);
        counter.IsCounting = true;
        for (var i = 0; i < count; i++)
        {
            await operation(i);
        }

        await drainAsync();
        counter.IsCounting = false;
        return counter.Take()
            .Where(pair => !pair.Key.EndsWith(" receive", StringComparison.Ordinal) && !pair.Key.EndsWith(" properties", StringComparison.Ordinal))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(pair => pair.Key, pair => pair.Value / (double)count, StringComparer.Ordinal);
    }
}

/// <summary>Storage requests per operation, by kind, of the product and of its floor, counted in the same run.</summary>
internal sealed record CountedOperations(int Counted, IReadOnlyDictionary<string, double> Product, IReadOnlyDictionary<string, double> Floor)
{
    public double ProductTotal => Product.Values.Sum();

    public double FloorTotal => Floor.Values.Sum();

    public IEnumerable<string> Kinds => Product.Keys.Union(Floor.Keys).Order(StringComparer.Ordinal);
}
