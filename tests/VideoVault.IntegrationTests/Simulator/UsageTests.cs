using System.Text.Json.Nodes;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary><c>meta.usage</c> as PiAPI reports it, in 1e-7 USD: <c>frozen</c> at creation, <c>consume</c> at completion.</summary>
public sealed class UsageTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("veo3", "veo3-video", """{"prompt":"x","duration":"4s","generate_audio":false}""", "llm", 4_800_000)]
    [InlineData("veo3.1", "veo3.1-video-fast", """{"prompt":"x","duration":"6s","generate_audio":true}""", "llm", 5_400_000)]
    [InlineData("veo3.1", "veo3.1-video", """{"prompt":"x"}""", "llm", 19_200_000)]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"3.0","mode":"pro","enable_audio":true,"duration":10}""", "point", 20_000_000)]
    [InlineData("kling", "video_generation", """{"version":"3.0","prefer_multi_shots":true,"multi_shots":[{"duration":3,"prompt":"a"},{"duration":4,"prompt":"b"}],"duration":15}""", "point", 7_000_000)]
    [InlineData("kling", "omni_video_generation", """{"prompt":"x","resolution":"1080p","enable_audio":true,"duration":5}""", "point", 15_000_000)]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"1.6","duration":10}""", "point", 5_000_000)]
    [InlineData("seedance", "seedance-2-fast", """{"prompt":"x","resolution":"480p","duration":10}""", "llm", 8_000_000)]
    [InlineData("seedance", "seedance-2-mini", """{"prompt":"x","duration":5}""", "llm", 7_500_000)]
    [InlineData("seedance", "seedance-2-less-restriction", """{"prompt":"x","resolution":"1080p","duration":4}""", "llm", 22_000_000)]
    [InlineData("seedance", "seedance-2-fast-preview", """{"prompt":"x","duration":5}""", "llm", 8_000_000)]
    [InlineData("hailuo", "video_generation", """{"model":"s2v-01","prompt":"x","image_url":"https://example.com/face.png"}""", "point", 3_000_000)]
    [InlineData("luma", "video_generation", """{"prompt":"x"}""", "llm", 2_000_000)]
    [InlineData("Wan", "wan26-txt2video", """{"prompt":"x","duration":10}""", "llm", 10_000_000)]
    public async Task Frozen_at_creation_consumed_at_completion(string model, string taskType, string input, string type, long price)
    {
        var (_, created) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Body(model, taskType, JsonNode.Parse(input)!.AsObject()));
        var data = created.GetProperty("data");
        var taskId = data.GetProperty("task_id").GetString()!;

        var completed = await simulator.WaitForStatusAsync(taskId, "completed");

        var atCreation = data.GetProperty("meta").GetProperty("usage");
        var atCompletion = completed.GetProperty("meta").GetProperty("usage");
        Assert.Equal((type, price, 0L), (atCreation.GetProperty("type").GetString(), atCreation.GetProperty("frozen").GetInt64(), atCreation.GetProperty("consume").GetInt64()));
        Assert.Equal((type, price, price), (atCompletion.GetProperty("type").GetString(), atCompletion.GetProperty("frozen").GetInt64(), atCompletion.GetProperty("consume").GetInt64()));
    }

    [Fact]
    public async Task Sora2_reports_consume_from_creation_as_the_vendor_example_does()
    {
        var created = await simulator.CreateTaskAsync("a priced clip");

        var completed = await simulator.WaitForStatusAsync(created.GetProperty("task_id").GetString()!, "completed");

        foreach (var task in new[] { created, completed })
        {
            var usage = task.GetProperty("meta").GetProperty("usage");
            Assert.Equal(("llm", 0L, 9_600_000L), (usage.GetProperty("type").GetString(), usage.GetProperty("frozen").GetInt64(), usage.GetProperty("consume").GetInt64()));
        }
    }

    [Fact]
    public async Task A_failed_task_consumes_nothing()
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("hailuo", "no charge [sim:fail]"));

        var failed = await simulator.WaitForStatusAsync(taskId, "failed");

        var usage = failed.GetProperty("meta").GetProperty("usage");
        Assert.Equal((2_000_000L, 0L), (usage.GetProperty("frozen").GetInt64(), usage.GetProperty("consume").GetInt64()));
    }
}
