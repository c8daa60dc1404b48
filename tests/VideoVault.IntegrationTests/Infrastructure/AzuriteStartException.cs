namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>Azurite did not come up; the message carries its output.</summary>
public sealed class AzuriteStartException(string message, bool portInUse) : InvalidOperationException(message)
{
    /// <summary>Azurite could not bind a port: worth retrying on other ports.</summary>
    public bool PortInUse { get; } = portInUse;
}
