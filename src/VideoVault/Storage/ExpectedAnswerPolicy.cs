using Azure.Core;
using Azure.Core.Pipeline;

namespace VideoVault.Storage;

/// <summary>
/// Tells Azure.Core that the storage answers the app expects are not errors, so it logs them as the
/// Information lines of ordinary responses (filtered out) rather than as warnings with every header: a
/// healthy task met several, 412s of ETag-guarded writes that lost a race and 409s of idempotent repeats.
/// Only the classification changes: the SDK still throws <see cref="Azure.RequestFailedException"/> for
/// them as before (its methods decide by status code), the app still handles them where it did, and
/// every other 4xx and 5xx (throttling, authentication, a missing table or queue) is still a warning.
/// </summary>
internal sealed class ExpectedAnswerPolicy : HttpPipelinePolicy
{
    public static readonly ExpectedAnswerPolicy Instance = new();

    private ExpectedAnswerPolicy()
    {
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Classify(message);
        return ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Classify(message);
        ProcessNext(message, pipeline);
    }

    private static void Classify(HttpMessage message)
    {
        if (message.ResponseClassifier is not ExpectedAnswerClassifier)
        {
            message.ResponseClassifier = new ExpectedAnswerClassifier(message.ResponseClassifier);
        }
    }
}
