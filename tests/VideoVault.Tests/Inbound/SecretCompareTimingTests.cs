using System.Diagnostics;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;
using VideoVault.Inbound;

namespace VideoVault.Tests.Inbound;

/// <summary>
/// A sanity check that verifying a webhook secret takes the same time however much of a guess is
/// right. Constant time itself comes from <c>CryptographicOperations.FixedTimeEquals</c> (see
/// TaskWebhookSecrets.Verify and docs/reliability.md); a timer cannot prove a difference of a few
/// nanoseconds, but it does catch a verification that answers early for some guesses (a short
/// cut before the HMAC, a per-byte early exit made slow enough to matter).
/// </summary>
public sealed class SecretCompareTimingTests(ITestOutputHelper output)
{
    private const string TaskId = "0123456789abcdef0123456789abcdef";
    private const int Rounds = 41;
    private const int CallsPerSample = 400;

    /// <summary>Generous: interleaved medians on a busy 2-core machine stay far closer than this.</summary>
    private const double MaxRatio = 1.5;

    [Fact]
    public void Right_wrong_first_byte_and_wrong_last_byte_secrets_take_the_same_time()
    {
        var secrets = new TaskWebhookSecrets(new FixedMonitor(new WebhookSigningOptions
        {
            CurrentKeyId = "k1",
            Keys = { ["k1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) },
        }));
        var right = secrets.Create(TaskId);
        var candidates = new (string Name, string Secret, WebhookVerification Expected)[]
        {
            ("right", right, WebhookVerification.Verified),
            ("wrong first byte", Flip(right, "k1.".Length), WebhookVerification.Mismatch),
            ("wrong last byte", Flip(right, right.Length - 2), WebhookVerification.Mismatch),
        };
        foreach (var (_, secret, expected) in candidates)
        {
            Assert.Equal(expected, secrets.Verify(TaskId, secret));
        }

        // Warm up (JIT, tiering), then sample the candidates interleaved so drift hits them alike.
        Sample(secrets, candidates, 5);
        var samples = Sample(secrets, candidates, Rounds);

        var medians = samples.Select(Median).ToArray();
        for (var i = 0; i < candidates.Length; i++)
        {
            output.WriteLine($"{candidates[i].Name}: median {medians[i] * 1e9 / Stopwatch.Frequency / CallsPerSample:0} ns per verification");
        }

        Assert.True(medians.Max() / medians.Min() < MaxRatio, $"Verification time depends on the guess: {string.Join(", ", medians)} ticks.");
    }

    private static List<long>[] Sample(TaskWebhookSecrets secrets, (string Name, string Secret, WebhookVerification Expected)[] candidates, int rounds)
    {
        var samples = candidates.Select(_ => new List<long>(rounds)).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                // Rotate the order each round, so no candidate always runs first (cold caches) or last.
                var index = (i + round) % candidates.Length;
                var secret = candidates[index].Secret;
                var started = Stopwatch.GetTimestamp();
                for (var call = 0; call < CallsPerSample; call++)
                {
                    secrets.Verify(TaskId, secret);
                }

                samples[index].Add(Stopwatch.GetTimestamp() - started);
            }
        }

        return samples;
    }

    private static double Median(List<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>Changes one base64url character of the MAC, keeping the secret well-formed.</summary>
    private static string Flip(string secret, int index) =>
        string.Concat(secret.AsSpan(0, index), secret[index] == 'A' ? "B" : "A", secret.AsSpan(index + 1));

    private sealed class FixedMonitor(WebhookSigningOptions value) : IOptionsMonitor<WebhookSigningOptions>
    {
        public WebhookSigningOptions CurrentValue => value;

        public WebhookSigningOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WebhookSigningOptions, string?> listener) => null;
    }
}
