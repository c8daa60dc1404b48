using System.Text;
using VideoVault.Events;
using VideoVault.Http;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Events;

/// <summary>The <c>webhook</c> field of a submit body, as the submit endpoint's parser reads it.</summary>
public sealed class WebhookSubscriptionParserTests
{
    [Fact]
    public void A_subscription_with_events_is_kept_in_declared_order_without_repeats()
    {
        var (request, errors) = Parse("""{"url":"https://hooks.example.com/vv?token=t","events":["task.failed","task.archived","task.failed"]}""");

        Assert.Empty(errors);
        Assert.Equal(new Uri("https://hooks.example.com/vv?token=t"), request!.Webhook!.Url);
        Assert.Equal([TaskEventTypes.Archived, TaskEventTypes.Failed], request.Webhook.Events);
    }

    [Fact]
    public void Without_events_every_type_is_wanted()
    {
        var (request, _) = Parse("""{"url":"https://hooks.example.com/"}""");

        Assert.Null(request!.Webhook!.Events);
        Assert.All(TaskEventTypes.All, type => Assert.True(request.Webhook.Wants(type)));
    }

    [Fact]
    public void Plain_http_and_private_addresses_are_for_allow_listed_hosts_only()
    {
        var events = new EventOptions { AllowedHosts = ["127.0.0.1"] };

        Assert.Empty(Parse("""{"url":"http://127.0.0.1:7080/consumer/demo"}""", events).Errors);
        Assert.Contains("webhook.url", Parse("""{"url":"http://127.0.0.1:7080/consumer/demo"}""").Errors.Keys);
        Assert.Contains("webhook.url", Parse("""{"url":"https://192.168.1.10/hook"}""", events).Errors.Keys);
        Assert.Contains("webhook.url", Parse("""{"url":"https://[::ffff:10.0.0.1]/hook"}""").Errors.Keys);
    }

    [Theory]
    [InlineData("""{"url":"https://example.com/a#frag"}""", "webhook.url")]
    [InlineData("""{"url":"https://u:p@example.com/"}""", "webhook.url")]
    [InlineData("""{"url":42}""", "webhook.url")]
    [InlineData("""{"url":"https://example.com/","events":[1]}""", "webhook.events")]
    [InlineData("""[]""", "webhook")]
    public void A_bad_subscription_names_its_field(string webhook, string field)
    {
        var (request, errors) = Parse(webhook);

        Assert.Null(request);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void A_url_over_the_cap_is_refused()
    {
        var url = "https://example.com/" + new string('a', WebhookSubscriptionParser.MaxUrlLength);

        Assert.Contains("webhook.url", Parse($$"""{"url":"{{url}}"}""").Errors.Keys);
    }

    private static (VideoVault.Tasks.VideoRequest? Request, Dictionary<string, string[]> Errors) Parse(string webhook, EventOptions? events = null) =>
        SubmitRequestParser.Parse(
            Encoding.UTF8.GetBytes($$"""{"model":"sora2","task_type":"sora2-video","input":{"prompt":"a fox"},"webhook":{{webhook}}}"""),
            TestCatalog.Default,
            events);
}
