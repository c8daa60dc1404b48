using Microsoft.Extensions.Configuration;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// The dev host's test settings as one configuration source that can be changed while the host runs,
/// the way an app-settings change reaches a Functions app: every <c>IOptionsMonitor</c> sees the new
/// values, and keys that were removed are gone (a retired signing key must not linger in another source).
/// </summary>
public sealed class ReloadableConfiguration : IConfigurationSource
{
    private readonly Provider _provider;

    public ReloadableConfiguration(IDictionary<string, string?> initial) => _provider = new Provider(initial);

    /// <summary>The settings as they stand.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _provider.Settings;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

    /// <summary>Applies <paramref name="change"/> to a copy of the current settings, then swaps them in and signals the reload.</summary>
    public void Change(Action<IDictionary<string, string?>> change) => _provider.Change(change);

    private sealed class Provider : ConfigurationProvider
    {
        public Provider(IDictionary<string, string?> initial) =>
            Data = new Dictionary<string, string?>(initial, StringComparer.OrdinalIgnoreCase);

        public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Data, StringComparer.OrdinalIgnoreCase);

        public void Change(Action<IDictionary<string, string?>> change)
        {
            var next = new Dictionary<string, string?>(Data, StringComparer.OrdinalIgnoreCase);
            change(next);
            Data = next;
            OnReload();
        }
    }
}
