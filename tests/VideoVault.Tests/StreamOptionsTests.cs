using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VideoVault.Tests;

public sealed class StreamOptionsTests
{
    [Fact]
    public void The_stream_defaults_are_valid()
    {
        var options = Resolve([]);

        Assert.Equal(TimeSpan.FromMinutes(3), options.StreamIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StreamProgressInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), options.StreamLease);
    }

    [Theory]
    [InlineData("00:05:00", "00:09:59", "00:00:05", "StreamLease must be at least twice StreamIdleTimeout")]
    [InlineData("00:00:00", "00:10:00", "00:00:05", "StreamLease must be at least twice StreamIdleTimeout")]
    [InlineData("00:03:00", "00:10:00", "-00:00:01", "StreamProgressInterval must not be negative")]
    public void Stream_settings_that_could_fail_a_healthy_stream_are_refused_at_start_up(string idle, string lease, string interval, string message)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["VideoVault:StreamIdleTimeout"] = idle,
            ["VideoVault:StreamLease"] = lease,
            ["VideoVault:StreamProgressInterval"] = interval,
        }));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    private static VideoVaultOptions Resolve(Dictionary<string, string?> settings)
    {
        settings["VideoVault:PublicBaseUrl"] = "https://vault.example/";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddVideoVault(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<VideoVaultOptions>>().Value;
    }
}
