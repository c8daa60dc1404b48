using System.Text.Json;
using System.Text.Json.Nodes;
using VideoVault.PiApi;

namespace VideoVault.Tests.PiApi;

public sealed class PiApiCreateTaskRequestJsonTests
{
    [Fact]
    public void VendorRequestExampleRoundTripsUnchanged()
    {
        var vendorJson = Fixtures.Read(Fixtures.CreateTaskRequest);

        var request = JsonSerializer.Deserialize(vendorJson, PiApiJsonContext.Default.PiApiCreateTaskRequest)!;
        var written = JsonSerializer.Serialize(request, PiApiJsonContext.Default.PiApiCreateTaskRequest);

        Assert.Equal("sora2-pro-video", request.TaskType);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(vendorJson), JsonNode.Parse(written)),
            $"Written request differs from the vendor's example: {written}");
    }

    [Fact]
    public void UnsetOptionalFieldsAreLeftOut()
    {
        var request = new PiApiCreateTaskRequest
        {
            Model = "sora2",
            TaskType = "sora2-video",
            Input = JsonElement.Parse("""{"prompt":"a coo","aspect_ratio":"9:16","duration":8}"""),
        };

        var written = JsonSerializer.Serialize(request, PiApiJsonContext.Default.PiApiCreateTaskRequest);

        Assert.Equal(
            """{"model":"sora2","task_type":"sora2-video","input":{"prompt":"a coo","aspect_ratio":"9:16","duration":8}}""",
            written);
    }
}
