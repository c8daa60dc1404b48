using Microsoft.Extensions.Options;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>The app options that name the table, queue and container the product's stores work on.</summary>
internal static class StoreOptions
{
    /// <param name="table">Null keeps the app's default name; a store only touches the resource it is for.</param>
    public static IOptions<VideoVaultOptions> For(string? table = null, string? queue = null, string? container = null)
    {
        var options = new VideoVaultOptions { PublicBaseUrl = new Uri("http://127.0.0.1/") };
        options.TaskTable = table ?? options.TaskTable;
        options.WorkQueue = queue ?? options.WorkQueue;
        options.VideoContainer = container ?? options.VideoContainer;
        return Options.Create(options);
    }
}
