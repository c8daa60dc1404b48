using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// A second Azurite over HTTPS with <c>--oauth basic</c>, for the managed-identity path: a client
/// with a <see cref="UnsignedJwtCredential"/> whose transport trusts only the fixture's self-signed
/// certificate.
/// </summary>
public sealed class OAuthAzuriteFixture : IAsyncLifetime
{
    private readonly string _certificateFolder = Directory.CreateTempSubdirectory("videovault-azurite-cert-").FullName;
    private AzuriteProcess? _azurite;
    private LoopbackCertificate? _certificate;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not been started yet.");

    public LoopbackCertificate Certificate => _certificate ?? throw new InvalidOperationException("Azurite has not been started yet.");

    public UnsignedJwtCredential Credential { get; } = new();

    /// <summary>A Blob client with a token credential on the HTTPS endpoint (no account key anywhere), at the product's service version.</summary>
    public BlobServiceClient CreateTokenBlobClient() =>
        new(Azurite.BlobEndpoint, Credential, new BlobClientOptions(StorageClientFactory.BlobVersion) { Transport = new HttpClientTransport(Certificate.CreateHandler()) });

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
