using VideoVault.Streaming;

namespace VideoVault.Tests.Streaming;

public sealed class ChatStreamAccumulatorTests
{
    private const int Limit = 256 * 1024;

    [Fact]
    public void The_vendor_stream_delivers_its_video_with_id_preview_and_progress()
    {
        var accumulator = Feed(StreamFixtures.VendorEvents);

        Assert.True(accumulator.Done);
        Assert.Equal("stop", accumulator.FinishReason);
        var verdict = accumulator.Finish();
        Assert.Null(verdict.Failure);
        Assert.Equal(new SoraStreamSnapshot(StreamFixtures.VendorTaskId, true, 81, new Uri(StreamFixtures.VendorPreviewUrl), new Uri(StreamFixtures.VendorVideoUrl)), verdict.Snapshot);
    }

    [Fact]
    public void Progress_rises_through_the_vendor_figures_as_the_chunks_arrive()
    {
        var accumulator = new ChatStreamAccumulator(Limit);
        var seen = new List<int>();
        var statuses = new List<(bool Generating, bool HasId)>();
        foreach (var data in StreamFixtures.VendorEvents)
        {
            accumulator.Add(data);
            var snapshot = accumulator.Snapshot();
            if (snapshot.Progress is { } progress && (seen.Count == 0 || seen[^1] != progress))
            {
                seen.Add(progress);
            }

            statuses.Add((snapshot.Generating, snapshot.TaskId is not null));
        }

        Assert.Equal([44, 61, 68, 81], seen);
        Assert.Equal(statuses.OrderBy(s => s.HasId).ThenBy(s => s.Generating), statuses);
    }

    [Fact]
    public void The_content_is_the_text_of_every_chunk_in_order()
    {
        var accumulator = Feed(StreamFixtures.VendorEvents);
        var ending = accumulator.Snapshot();

        Assert.StartsWith("```json\n{\n  \"prompt\": \"generate a video without watermark", StreamFixtures.VendorContent, StringComparison.Ordinal);
        Assert.Equal(SoraStreamText.Read(StreamFixtures.VendorContent), ending);
    }

    [Fact]
    public void A_finish_reason_other_than_stop_fails_even_with_a_link()
    {
        var events = StreamFixtures.VendorEvents.Select(data => data.Replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"length\"", StringComparison.Ordinal));

        var verdict = Feed(events).Finish();

        Assert.Equal("The stream finished with finish_reason 'length' instead of 'stop'.", verdict.Failure);
        Assert.NotNull(verdict.Snapshot.VideoUrl);
    }

    [Fact]
    public void A_stream_cut_before_it_finished_fails_even_with_a_link()
    {
        var cut = StreamFixtures.VendorEvents.Take(StreamFixtures.VendorEvents.Count - 3);

        var verdict = Feed(cut).Finish();

        Assert.Equal("The stream was cut off before it finished (no finish_reason, no [DONE]).", verdict.Failure);
        Assert.Equal(new Uri(StreamFixtures.VendorVideoUrl), verdict.Snapshot.VideoUrl);
    }

    [Fact]
    public void A_stream_cut_after_finish_reason_stop_but_before_done_still_delivers()
    {
        var verdict = Feed(StreamFixtures.VendorEvents.Take(StreamFixtures.VendorEvents.Count - 2)).Finish();

        Assert.Null(verdict.Failure);
    }

    [Fact]
    public void A_stream_without_a_link_fails_and_quotes_its_last_line_in_the_error_only()
    {
        var events = new[]
        {
            Chunk("\\n\\n> ID: `task_x`\\n> Queuing..."),
            Chunk("\\n\\n> Generation failed ❌\\n> reason: content policy"),
            """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
            "[DONE]",
        };

        var verdict = Feed(events).Finish();

        Assert.Equal("The stream ended without a video link.", verdict.Failure);
        Assert.Equal("The stream ended without a video link. Its last line: \"reason: content policy\"", verdict.Error);
        Assert.Equal("task_x", verdict.Snapshot.TaskId);
    }

    [Fact]
    public void An_unreadable_chunk_fails_the_stream()
    {
        var accumulator = new ChatStreamAccumulator(Limit);

        var failure = Assert.Throws<InvalidStreamException>(() => accumulator.Add("{\"choices\": ["));

        Assert.Equal("A stream event is not a readable chat completion chunk.", failure.Message);
    }

    [Fact]
    public void An_error_object_in_the_stream_fails_it_with_the_vendors_message()
    {
        var accumulator = new ChatStreamAccumulator(Limit);

        var failure = Assert.Throws<InvalidStreamException>(() => accumulator.Add("""{"error":{"message":"upstream overloaded","type":"server_error"}}"""));

        Assert.Equal("PiAPI reported an error in the stream: upstream overloaded", failure.Message);
    }

    [Fact]
    public void Text_over_the_limit_fails_clearly()
    {
        var accumulator = new ChatStreamAccumulator(maxContentChars: 10);
        accumulator.Add(Chunk("0123456789"));

        var failure = Assert.Throws<InvalidStreamException>(() => accumulator.Add(Chunk("x")));

        Assert.Equal("The stream's text is longer than 10 characters.", failure.Message);
    }

    [Fact]
    public void Only_the_first_choice_is_read()
    {
        var accumulator = Feed([
            """{"choices":[{"index":1,"delta":{"content":"\n> ID: `task_other`\n[v](https://cdn.example/other.mp4)"},"finish_reason":"length"}]}""",
            """{"choices":[{"index":0,"delta":{"content":"\n> ID: `task_mine`\n[v](https://cdn.example/mine.mp4)"},"finish_reason":"stop"}]}""",
        ]);

        var verdict = accumulator.Finish();

        Assert.Null(verdict.Failure);
        Assert.Equal("task_mine", verdict.Snapshot.TaskId);
        Assert.Equal(new Uri("https://cdn.example/mine.mp4"), verdict.Snapshot.VideoUrl);
    }

    [Fact]
    public void Nothing_after_done_is_taken()
    {
        var accumulator = Feed(["[DONE]"]);

        Assert.True(accumulator.Done);
        Assert.Equal("The stream ended without a video link.", accumulator.Finish().Failure);
    }

    private static string Chunk(string escapedContent) =>
        $$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"sora-2","created":1,"choices":[{"index":0,"delta":{"content":"{{escapedContent}}"},"finish_reason":null}]}""";

    private static ChatStreamAccumulator Feed(IEnumerable<string> events)
    {
        var accumulator = new ChatStreamAccumulator(Limit);
        foreach (var data in events)
        {
            accumulator.Add(data);
        }

        return accumulator;
    }
}
