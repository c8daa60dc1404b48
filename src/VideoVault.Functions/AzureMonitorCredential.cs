using Azure.Core;
using Azure.Identity;

namespace VideoVault.Functions;

/// <summary>
/// The identity the worker signs in to Application Insights with. The Bicep sets
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> to <c>ClientId=...;Authorization=AAD</c> (the classic SDK
/// read it itself); the OpenTelemetry exporter takes a credential instead, built here from the same setting.
/// </summary>
public static class AzureMonitorCredential
{
    public const string SettingName = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <returns>The managed identity the setting names, or null when it does not ask for Entra authentication.</returns>
    public static TokenCredential? FromAuthenticationString(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }

        var parts = setting.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
