using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VideoVault.PiApiSimulator.Hosting;

/// <summary>Checks the API key callers send, in constant time.</summary>
internal sealed class ApiKeyVerifier(IOptions<SimulatorOptions> options)
{
    public bool IsValid(string? presented) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(options.Value.ApiKey));
}
