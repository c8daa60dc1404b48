namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>How an <see cref="AzuriteProcess"/> is started; the defaults give plain HTTP with Shared Key.</summary>
public sealed record AzuriteOptions
{
    /// <summary>PEM certificate file; with <see cref="KeyPath"/> Azurite serves HTTPS.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>PEM private key file of <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; init; }

    /// <summary>Starts Azurite with <c>--oauth basic</c> so bearer tokens are checked; Azurite needs HTTPS for it.</summary>
    public bool OAuth { get; init; }

    /// <summary>
    /// Azurite's own debug log (every string to sign it computed), for diagnosing a refused request.
    /// Without it, setting the environment variable VIDEOVAULT_AZURITE_DEBUG_DIR to a folder logs every Azurite there.
    /// </summary>
    public string? DebugLogPath { get; init; }

    /// <summary>
    /// Keeps everything in memory (<c>--inMemoryPersistence</c>). Azurite otherwise saves its whole table database as one
    /// JSON file every few seconds, which at 100,000 tasks (over 200 MB) is most of what it does. Data does not
    /// survive <see cref="AzuriteProcess.RestartAsync"/>.
    /// </summary>
    public bool InMemory { get; init; }

    internal bool UseHttps => CertificatePath is not null;

    internal void Validate()
    {
        if ((CertificatePath is null) != (KeyPath is null))
        {
            throw new ArgumentException("Set both CertificatePath and KeyPath for HTTPS, or neither.");
        }

        if (OAuth && !UseHttps)
        {
            throw new ArgumentException("Azurite accepts bearer tokens over HTTPS only: set CertificatePath and KeyPath with OAuth.");
        }
    }
}
