using Azure.Core.Pipeline;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// A second Azurite over HTTPS with <c>--oauth basic</c>, for the managed-identity path: a connection
/// with a <see cref="UnsignedJwtCredential"/> and client options whose transport trusts only the
/// fixture's self-signed certificate.
/// </summary>
public sealed class OAuthAzuriteFixture : IAsyncLifetime
{
    private readonly string _certificateFolder = Directory.CreateTempSubdirectory("videovault-azurite-cert-").FullName;
    private AzuriteProcess? _azurite;
    private LoopbackCertificate? _certificate;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not been started yet.");

    public LoopbackCertificate Certificate => _certificate ?? throw new InvalidOperationException("Azurite has not been started yet.");

    public UnsignedJwtCredential Credential { get; } = new();

    /// <summary>Token-credential connection to the HTTPS endpoints (no account key anywhere).</summary>
    public StorageConnection TokenConnection =>
        StorageConnection.WithTokenCredential(Azurite.BlobEndpoint, Azurite.QueueEndpoint, Azurite.TableEndpoint, Credential);

    /// <summary>Client options whose transport trusts exactly <see cref="Certificate"/>.</summary>
    public StorageClientOptions CreateClientOptions() => new() { Transport = new HttpClientTransport(Certificate.CreateHandler()) };

    public async Task InitializeAsync()
    {
        _certificate = LoopbackCertificate.Create(_certificateFolder);
        _azurite = await AzuriteProcess.StartAsync(new AzuriteOptions
        {
            CertificatePath = _certificate.CertificatePath,
            KeyPath = _certificate.KeyPath,
            OAuth = true,
        });
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _certificate?.Dispose();
        Directory.Delete(_certificateFolder, recursive: true);
    }
}
