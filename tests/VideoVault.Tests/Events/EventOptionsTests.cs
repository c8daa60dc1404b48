using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.Events;

namespace VideoVault.Tests.Events;

/// <summary>The Events section is checked at start-up, and a refused secret is never repeated in the message.</summary>
public sealed class EventOptionsTests
{
    private const string GoodSecret = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    [Fact]
    public void Defaults_apply_the_standard_schedule_of_about_a_day()
    {
        var options = Resolve(new() { ["Events:SigningSecrets:0"] = GoodSecret });

        Assert.Equal(EventOptions.DefaultRetrySchedule, options.RetrySchedule);
        Assert.InRange(options.RetrySchedule.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait).TotalHours, 24, 30);
    }

    [Theory]
    [InlineData("Events:SigningSecrets:0", "whsec_c2hvcnQ=")]
    [InlineData("Events:SigningSecrets:0", "not-a-secret-at-all-but-long-enough-to-be-one")]
    [InlineData("Events:RetrySchedule:0", "00:00:00")]
    [InlineData("Events:RetrySchedule:0", "8.00:00:00")]
    [InlineData("Events:AllowedHosts:0", "http://127.0.0.1:80")]
    [InlineData("Events:Queue", "Not_A_Queue")]
    [InlineData("Events:ResponseTimeout", "00:10:00")]
    public void A_bad_setting_fails_at_start_up(string key, string value)
    {
        var settings = new Dictionary<string, string?> { ["Events:SigningSecrets:0"] = GoodSecret, [key] = value };

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.DoesNotContain(value.StartsWith("whsec_", StringComparison.Ordinal) ? value : "\u0000", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_least_one_signing_secret_is_required()
    {
        Assert.Throws<OptionsValidationException>(() => Resolve([]));
    }

    private static EventOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddTaskEvents(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<EventOptions>>().Value;
    }
}
