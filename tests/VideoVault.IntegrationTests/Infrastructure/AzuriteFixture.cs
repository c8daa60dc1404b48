using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Storage;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>One Azurite (HTTP, Shared Key) shared by every test class of <see cref="AzuriteCollection"/>.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not been started yet.");

    internal StorageClientFactory Clients => Azurite.Clients;

    public string ConnectionString => Azurite.ConnectionString;

    /// <summary>
    /// A fresh name valid for a container, a table and a queue alike: lowercase letters and digits only
    /// (tables forbid dashes), starting with a letter, 3-40 characters, unique per call.
    /// </summary>
    public static string NewName(string prefix)
    {
        var letters = new string([.. (prefix ?? string.Empty).ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')).Take(16)]);
        if (letters.Length == 0 || !char.IsAsciiLetter(letters[0]))
        {
            letters = "t" + letters[..Math.Min(letters.Length, 15)];
        }

        return letters + Guid.NewGuid().ToString("N")[..24];
    }

    /// <summary>The product's stores over fresh names (or the given ones).</summary>
    internal static IOptions<VideoVaultOptions> AppOptions(string? table = null, string? queue = null, string? container = null) => Options.Create(new VideoVaultOptions
    {
        PublicBaseUrl = new Uri("http://127.0.0.1:7071/"),
        TaskTable = table ?? NewName("tasks"),
        WorkQueue = queue ?? NewName("work"),
        VideoContainer = container ?? NewName("videos"),
    });

    internal ITaskStore CreateTaskStore(IOptions<VideoVaultOptions> options) => new TableTaskStore(Clients.CreateTableServiceClient(), options, TimeProvider.System);

    internal IWorkQueue CreateWorkQueue(IOptions<VideoVaultOptions> options) => new StorageWorkQueue(Clients.CreateWorkQueueServiceClient(), options, TimeProvider.System);

    internal IVideoBlobStore CreateVideoStore(IOptions<VideoVaultOptions> options) => new BlobVideoStore(Clients.CreateBlobServiceClient(), options, TimeProvider.System);

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
