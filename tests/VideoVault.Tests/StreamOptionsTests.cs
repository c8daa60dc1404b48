using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.Hosting;

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

    [Theory]
    [InlineData("00:00:20")]
    [InlineData("00:00:06.001")]
    [InlineData("-00:00:01")]
    public void An_inline_copy_budget_that_would_keep_the_webhook_sender_waiting_too_long_is_refused(string budget)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["VideoVault:InlineCopyBudget"] = budget }));

        Assert.Contains("InlineCopyBudget must be between 0 and 00:00:06", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_inline_copy_budget_answers_well_before_a_ten_second_sender_gives_up()
    {
        Assert.True(Resolve([]).InlineCopyBudget <= TimeSpan.FromSeconds(6));
    }

    private static VideoVaultOptions Resolve(Dictionary<string, string?> settings)
    {
        settings["VideoVault:PublicBaseUrl"] = "https://vault.example/";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddVideoVault(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<VideoVaultOptions>>().Value;
    }
}
