using VideoVault.IntegrationTests.Stack;
using VideoVault.PiApiSimulator.Consumer;

namespace VideoVault.IntegrationTests.Events;

/// <summary>Waiting for what the simulator's receiver got at one endpoint.</summary>
internal static class ConsumerDeliveries
{
    /// <summary>Waits until <paramref name="endpoint"/> has accepted (2xx) <paramref name="count"/> distinct events, then returns every delivery it got.</summary>
    public static async Task<IReadOnlyList<ConsumerDelivery>> WaitForAcceptedAsync(this TestStack stack, string endpoint, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        while (true)
        {
            var deliveries = stack.Consumer.For(endpoint);
            if (deliveries.Where(d => d.Accepted).Select(d => d.WebhookId).Distinct().Count() >= count)
            {
                return deliveries;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{endpoint} accepted {deliveries.Count(d => d.Accepted)} of {count} events: {string.Join(", ", deliveries.Select(d => $"{d.Type}#{d.Sequence} {d.Outcome} {d.Answer}"))}\n{string.Join('\n', stack.Logs.Lines.TakeLast(30))}");
            await Task.Delay(50);
        }
    }

    /// <summary>The first accepted delivery of each event, in the order they arrived.</summary>
    public static IReadOnlyList<ConsumerDelivery> FirstAccepted(IEnumerable<ConsumerDelivery> deliveries) =>
        [.. deliveries.Where(d => d.Accepted).DistinctBy(d => d.WebhookId)];
}
