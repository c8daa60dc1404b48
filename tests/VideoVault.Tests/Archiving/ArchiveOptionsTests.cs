using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;

namespace VideoVault.Tests.Archiving;

public sealed class ArchiveOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_as_documented()
    {
        var options = Resolve([]);

        Assert.Equal(2L * 1024 * 1024 * 1024, options.MaxVideoBytes);
        Assert.Equal(4 * 1024 * 1024, options.BlockSize);
        Assert.Equal(4, options.MaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(30), options.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectTimeout);
        Assert.Equal(3, options.MaxRedirects);
        Assert.Empty(options.AllowedHosts);
    }

    [Fact]
    public void Binds_the_archive_section()
    {
        var options = Resolve(new()
        {
            ["Archive:MaxVideoBytes"] = "1048576",
            ["Archive:BlockSize"] = "65536",
            ["Archive:IdleTimeout"] = "00:00:05",
            ["Archive:AllowedHosts:0"] = "localhost",
            ["Archive:AllowedHosts:1"] = "127.0.0.1",
        });

        Assert.Equal(1_048_576, options.MaxVideoBytes);
        Assert.Equal(65_536, options.BlockSize);
        Assert.Equal(TimeSpan.FromSeconds(5), options.IdleTimeout);
        Assert.Equal(new[] { "localhost", "127.0.0.1" }, options.AllowedHosts);
    }

    [Theory]
    [InlineData("MaxVideoBytes", "0")]
    [InlineData("BlockSize", "0")]
    [InlineData("BlockSize", "104857601")]
    [InlineData("MaxConcurrency", "0")]
    [InlineData("MaxConcurrency", "65")]
    [InlineData("IdleTimeout", "00:00:00")]
    [InlineData("ConnectTimeout", "00:00:00")]
    [InlineData("MaxRedirects", "-1")]
    [InlineData("AllowedHosts:0", "http://localhost")]
    [InlineData("AllowedHosts:0", "localhost:8080")]
    [InlineData("BlockSize", "1024")]            // 2 GiB in 1 KiB blocks is over the 50,000-block limit
    public void Out_of_range_settings_fail_validation(string key, string value)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Archive:" + key] = value }));

        Assert.Contains(key.Split(':')[0], exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_settings_are_reported_at_start_up()
    {
        using var provider = Provider(new() { ["Archive:MaxRedirects"] = "-1" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    private static ArchiveOptions Resolve(Dictionary<string, string?> settings)
    {
        using var provider = Provider(settings);
        return provider.GetRequiredService<IOptions<ArchiveOptions>>().Value;
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddVideoArchiver(configuration).BuildServiceProvider();
    }
}
