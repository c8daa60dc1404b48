using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 and localhost, written as PEM files for Azurite's
/// <c>--cert</c>/<c>--key</c>, plus HTTP handlers that trust exactly this certificate and nothing else.
/// </summary>
public sealed class LoopbackCertificate : IDisposable
{
    private LoopbackCertificate(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        Certificate = certificate;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>The public certificate only; the private key lives in <see cref="KeyPath"/>.</summary>
    public X509Certificate2 Certificate { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    /// <summary>SHA-256 thumbprint, the pin every trusting handler checks.</summary>
    public string Thumbprint { get; }

    public static LoopbackCertificate Create(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var withKey = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, "azurite-cert.pem");
        var keyPath = Path.Combine(directory, "azurite-key.pem");
        File.WriteAllText(certificatePath, withKey.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new LoopbackCertificate(X509CertificateLoader.LoadCertificate(withKey.RawData), certificatePath, keyPath);
    }

    /// <summary>
    /// Accepts the server only if it presents this very certificate for the host asked for: the chain
    /// error of a self-signed certificate is expected, a name mismatch or any other certificate is not.
    /// </summary>
    public bool Validates(X509Certificate? presented, SslPolicyErrors errors) =>
        presented is not null
        && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
        && string.Equals(presented.GetCertHashString(HashAlgorithmName.SHA256), Thumbprint, StringComparison.OrdinalIgnoreCase);

    public SocketsHttpHandler CreateHandler() => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, errors) => Validates(presented, errors) },
    };

    public HttpClient CreateHttpClient() => new(CreateHandler());

    public void Dispose() => Certificate.Dispose();
}
