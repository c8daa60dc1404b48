using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace VideoVault.Storage;

/// <summary>
/// Builds the three service clients from one connection, each with a pinned service version and
/// explicit retries. The SDKs default to REST versions newer than Azurite 3.37 accepts, and a
/// version pinned here cannot shift under the app when a package is updated.
/// </summary>
internal sealed class StorageClientFactory(IOptions<StorageConnectionSettings> settings)
{
    public const BlobClientOptions.ServiceVersion BlobVersion = BlobClientOptions.ServiceVersion.V2025_11_05;
    public const QueueClientOptions.ServiceVersion QueueVersion = QueueClientOptions.ServiceVersion.V2025_11_05;
    public const TableClientOptions.ServiceVersion TableVersion = TableClientOptions.ServiceVersion.V2019_02_02;

    /// <summary>
    /// The app's work queue holds raw JSON: host.json's <c>messageEncoding</c> is <c>none</c>, so the app's
    /// triggers hand every message over as stored and the app decodes it (<see cref="Work.WorkMessage"/>).
    /// </summary>
    public const QueueMessageEncoding WorkQueueEncoding = QueueMessageEncoding.None;

    /// <summary>The events queue stays base64: what its consumers' Functions queue triggers read by default.</summary>
    public const QueueMessageEncoding EventQueueEncoding = QueueMessageEncoding.Base64;

    private readonly Lazy<TokenCredential> _credential = new(() => CreateCredential(settings.Value));

    public BlobServiceClient CreateBlobServiceClient()
    {
        var options = WithRetries(new BlobClientOptions(BlobVersion));
        var connection = settings.Value;
        return connection.UsesConnectionString
            ? new BlobServiceClient(connection.ConnectionString, options)
            : new BlobServiceClient(new Uri(connection.BlobServiceUri!), _credential.Value, options);
    }

    /// <summary>A client for the work queue and its poison queue, in <see cref="WorkQueueEncoding"/>.</summary>
    public QueueServiceClient CreateWorkQueueServiceClient(Action<QueueClientOptions>? configure = null) => CreateQueueServiceClient(options =>
    {
        options.MessageEncoding = WorkQueueEncoding;
        configure?.Invoke(options);
    });

    /// <summary>A client in <see cref="EventQueueEncoding"/> unless <paramref name="configure"/> says otherwise.</summary>
    /// <param name="configure">Adds to the options, e.g. another encoding or a handler for messages that cannot be decoded.</param>
    public QueueServiceClient CreateQueueServiceClient(Action<QueueClientOptions>? configure = null)
    {
        var options = WithRetries(new QueueClientOptions(QueueVersion) { MessageEncoding = EventQueueEncoding });
        configure?.Invoke(options);
        var connection = settings.Value;
        return connection.UsesConnectionString
            ? new QueueServiceClient(connection.ConnectionString, options)
            : new QueueServiceClient(new Uri(connection.QueueServiceUri!), _credential.Value, options);
    }

    public TableServiceClient CreateTableServiceClient()
    {
        var options = WithRetries(new TableClientOptions(TableVersion));
        var connection = settings.Value;
        return connection.UsesConnectionString
            ? new TableServiceClient(connection.ConnectionString, options)
            : new TableServiceClient(new Uri(connection.TableServiceUri!), _credential.Value, options);
    }

    /// <summary>
    /// About 20 s of retries over four tries: long enough for a blip, short enough that a request
    /// meeting an outage answers 503 while its caller still waits.
    /// </summary>
    private static T WithRetries<T>(T options)
        where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 4;
        options.Retry.Delay = TimeSpan.FromMilliseconds(400);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        options.Diagnostics.IsLoggingContentEnabled = false;
        options.AddPolicy(ExpectedAnswerPolicy.Instance, HttpPipelinePosition.PerCall);
        return options;
    }

    /// <summary>The Functions host's rule: <c>credential=managedidentity</c> (with an optional client id) or DefaultAzureCredential.</summary>
    private static TokenCredential CreateCredential(StorageConnectionSettings connection) =>
        string.Equals(connection.Credential, StorageConnectionSettings.ManagedIdentity, StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(connection.ClientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(connection.ClientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = connection.ClientId });
}
