using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>Each family's own request validation: wrong types, fields it does not take, missing and out-of-range values.</summary>
public sealed class FamilyValidationTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private static readonly string LongText = new('a', 2501);

    [Theory]
    [InlineData("midjourney", "imagine", """{"prompt":"x"}""", "model must be one of: sora2, veo3, veo3.1, kling, seedance, hailuo, luma, Wan")]
    [InlineData("wan", "wan26-txt2video", """{"prompt":"x"}""", "model must be one of")]
    [InlineData("veo3", "veo3.1-video", """{"prompt":"x"}""", "task_type must be one of: veo3-video, veo3-video-fast for model veo3")]
    [InlineData("veo3.1", "veo3.1-video", "\"x\"", "invalid request body: input must be an object")]
    [InlineData("sora2", "sora2-video", """{"prompt":"x","negative_prompt":"y"}""", "input.negative_prompt is not accepted by sora2 sora2-video")]
    [InlineData("veo3.1", "veo3.1-video", """{"prompt":"x","duration":8}""", "invalid request body: input.duration must be a string such as \"4s\"")]
    [InlineData("veo3.1", "veo3.1-video", """{"prompt":"x","duration":"10s"}""", "input.duration must be one of: 4s, 6s, 8s")]
    [InlineData("veo3", "veo3-video-fast", """{"prompt":"x","resolution":"4k"}""", "input.resolution must be one of: 720p, 1080p")]
    [InlineData("veo3", "veo3-video", """{"prompt":"x","generate_audio":"yes"}""", "invalid request body: input.generate_audio must be true or false")]
    [InlineData("veo3", "veo3-video", """{"prompt":"x","image_url":"ftp://example.com/a.png"}""", "input.image_url must be an absolute http(s) URL")]
    [InlineData("veo3.1", "veo3.1-video-fast", """{"prompt":"x","seed":7}""", "input.seed is not accepted by veo3.1 veo3.1-video-fast")]
    [InlineData("veo3.1", "veo3.1-video", """{"negative_prompt":"x"}""", "input.prompt is required")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"3.0","duration":"5"}""", "invalid request body: input.duration must be an integer")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"3.0","mode":"turbo"}""", "input.mode must be one of: std, pro")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"3.0","generate_audio":true}""", "input.generate_audio is not accepted by kling video_generation")]
    [InlineData("kling", "video_generation", """{"version":"3.0","duration":5}""", "input.prompt is required")]
    [InlineData("kling", "video_generation", """{"version":"3.0","prefer_multi_shots":true,"multi_shots":[{"duration":3}]}""", "invalid request body: input.multi_shots[0] must be an object with an integer duration and a string prompt")]
    [InlineData("kling", "video_generation", """{"version":"3.0","prefer_multi_shots":true,"multi_shots":[{"duration":3,"prompt":"a","camera":"pan"}]}""", "input.multi_shots[0].camera is not accepted")]
    [InlineData("kling", "omni_video_generation", """{"prompt":"x","version":"2.1"}""", "input.version must be one of: 3.0, o1")]
    [InlineData("kling", "omni_video_generation", """{"prompt":"x","resolution":"4k"}""", "input.resolution must be one of: 720p, 1080p")]
    [InlineData("kling", "omni_video_generation", """{"prompt":"x","multi_shots":[]}""", "input.multi_shots is not accepted by kling omni_video_generation")]
    [InlineData("kling", "omni_video_generation", """{"version":"o1"}""", "input.prompt is required")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"1.6","cfg_scale":1.5}""", "input.cfg_scale must be from 0 to 1")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"1.6","cfg_scale":"0.5"}""", "invalid request body: input.cfg_scale must be a number")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"1.5","duration":7}""", "input.duration must be one of: 5, 10")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"1.0","aspect_ratio":"4:3"}""", "input.aspect_ratio must be one of: 16:9, 9:16, 1:1")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"1.6","mode":"ultra"}""", "input.mode must be one of: std, pro")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"1.6","enable_audio":true}""", "input.enable_audio is not accepted by kling video_generation")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":1.6}""", "invalid request body: input.version must be a string")]
    [InlineData("kling", "video_generation", """{"prompt":"x","image_tail_url":"https://example.com/b.png"}""", "input.image_tail_url needs input.image_url")]
    [InlineData("kling", "video_generation", """{"version":"1.6"}""", "input.prompt is required (or input.image_url)")]
    [InlineData("kling", "video_generation", """{"prompt":"x","camera_control":"pan"}""", "invalid request body: input.camera_control must be an object")]
    [InlineData("seedance", "seedance-2", """{"prompt":"x","duration":3}""", "input.duration must be from 4 to 15")]
    [InlineData("seedance", "seedance-2", """{"prompt":"x","duration":16}""", "input.duration must be from 4 to 15")]
    [InlineData("seedance", "seedance-2", """{"prompt":"x","duration":"5"}""", "invalid request body: input.duration must be an integer")]
    [InlineData("seedance", "seedance-2", """{"prompt":"x","aspect_ratio":"2:1"}""", "input.aspect_ratio must be one of: 21:9, 16:9, 4:3, 1:1, 3:4, 9:16")]
    [InlineData("seedance", "seedance-2-fast", """{"prompt":"x","resolution":"1080p"}""", "input.resolution 1080p is not offered by seedance-2-fast")]
    [InlineData("seedance", "seedance-2-fast-preview", """{"prompt":"x","resolution":"1080p"}""", "input.resolution 1080p is not offered by seedance-2-fast-preview")]
    [InlineData("seedance", "seedance-2-mini", """{"prompt":"x","resolution":"480p"}""", "input.resolution must be 720p for seedance-2-mini")]
    [InlineData("seedance", "seedance-2-mini", """{"prompt":"x","video_urls":["https://example.com/a.mp4"]}""", "input.video_urls and input.audio_urls are not accepted by seedance-2-mini")]
    [InlineData("seedance", "seedance-2", """{"prompt":"x","mode":"text_to_video","image_urls":["https://example.com/a.png"]}""", "input.mode text_to_video takes no image_urls")]
    [InlineData("seedance", "seedance-2", """{"prompt":"x","mode":"first_last_frames"}""", "input.mode first_last_frames needs 1 or 2 image_urls")]
    [InlineData("seedance", "seedance-2", """{"prompt":"x","mode":"pose"}""", "input.mode must be one of: text_to_video, first_last_frames, omni_reference")]
    [InlineData("seedance", "seedance-2", """{"prompt":"x","image_urls":"https://example.com/a.png"}""", "invalid request body: input.image_urls must be an array of strings")]
    [InlineData("seedance", "seedance-2-turbo", """{"prompt":"x"}""", "task_type must be one of: seedance-2, seedance-2-fast, seedance-2-mini")]
    [InlineData("hailuo", "video_generation", """{"prompt":"x"}""", "input.model is required")]
    [InlineData("hailuo", "video_generation", """{"model":"v2.3","prompt":"x"}""", "input.model must be one of: t2v-01, t2v-01-director, i2v-01, i2v-01-live, s2v-01")]
    [InlineData("hailuo", "video_generation", """{"model":"t2v-01","prompt":"x","image_url":"https://example.com/a.png"}""", "input.image_url is not accepted by hailuo t2v-01")]
    [InlineData("hailuo", "video_generation", """{"model":"t2v-01-director"}""", "input.prompt is required by hailuo t2v-01-director")]
    [InlineData("hailuo", "video_generation", """{"model":"i2v-01-live","prompt":"x"}""", "input.image_url is required by hailuo i2v-01-live")]
    [InlineData("hailuo", "video_generation", """{"model":"s2v-01","image_url":"https://example.com/a.png"}""", "input.prompt is required by hailuo s2v-01")]
    [InlineData("hailuo", "video_generation", """{"model":"s2v-01","prompt":"x"}""", "input.image_url is required by hailuo s2v-01")]
    [InlineData("hailuo", "video_generation", """{"model":"t2v-01","prompt":"x","duration":6}""", "input.duration is not accepted by hailuo video_generation")]
    [InlineData("hailuo", "video_generation", """{"model":"t2v-01","prompt":"x","expand_prompt":1}""", "invalid request body: input.expand_prompt must be true or false")]
    [InlineData("luma", "video_generation", """{"prompt":"x","key_frames":"frame0"}""", "invalid request body: input.key_frames must be an object")]
    [InlineData("luma", "video_generation", """{"aspect_ratio":"16:9"}""", "input.prompt is required")]
    [InlineData("luma", "video_generation", """{"prompt":"x","duration":5}""", "input.duration is not accepted by luma video_generation")]
    [InlineData("Wan", "wan26-img2video", """{"prompt":"x"}""", "input.image_url is required")]
    [InlineData("Wan", "wan26-txt2video", """{"prompt":"x","image_url":"https://example.com/a.png"}""", "input.image_url is not accepted by Wan wan26-txt2video")]
    [InlineData("Wan", "wan26-txt2video", """{"prompt":"x","duration":"5s"}""", "invalid request body: input.duration must be an integer")]
    public async Task Refusals_are_400_envelopes_naming_the_field(string model, string taskType, string input, string reason)
    {
        var acceptedBefore = simulator.Ledger.CreateAccepted;
        var body = $$"""{"model":"{{model}}","task_type":"{{taskType}}","input":{{input}}}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await simulator.Client.PostAsync("api/v1/task", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["code", "data", "message"], document.RootElement.EnumerateObject().Select(property => property.Name));
        Assert.Equal(400, document.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("data").ValueKind);
        Assert.StartsWith(reason, document.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(acceptedBefore, simulator.Ledger.CreateAccepted);
    }

    [Fact]
    public async Task A_body_over_a_mebibyte_is_refused_unread()
    {
        var body = FamilyRequests.Valid("luma", new string('x', 1024 * 1024));

        var (status, answer) = await FamilyRequests.PostAsync(simulator.Client, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(413, answer.GetProperty("code").GetInt32());
        Assert.StartsWith("invalid request body:", answer.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kling", "video_generation", "negative_prompt", 2500)]
    [InlineData("hailuo", "video_generation", "prompt", 2000)]
    public async Task Text_longer_than_the_family_allows_is_refused(string model, string taskType, string field, int limit)
    {
        var input = model == "hailuo" ? new JsonObject { ["model"] = "t2v-01", ["prompt"] = "x" } : new JsonObject { ["prompt"] = "x", ["version"] = "1.6" };
        input[field] = LongText[..(limit + 1)];
        var (status, refused) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Body(model, taskType, input));
        input[field] = LongText[..limit];
        var (accepted, _) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Body(model, taskType, input.DeepClone().AsObject()));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"input.{field} must be at most {limit} characters", refused.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted);
    }

    [Theory]
    [InlineData("kling", "video_generation", """{"version":"3.0","prefer_multi_shots":true,"multi_shots":[{"duration":3,"prompt":"a"},{"duration":4,"prompt":"b"}]}""")]
    [InlineData("kling", "omni_video_generation", """{"prompt":"x","version":"o1","resolution":"1080p","enable_audio":true}""")]
    [InlineData("kling", "video_generation", """{"prompt":"x","image_url":"https://example.com/a.png","image_tail_url":"https://example.com/b.png","camera_control":{"type":"simple"},"version":"1.0","duration":10}""")]
    [InlineData("kling", "video_generation", """{"prompt":"x","version":"2.1"}""")]
    [InlineData("kling", "video_generation", """{"image_url":"https://example.com/a.png"}""")]
    [InlineData("seedance", "seedance-2-preview", """{"prompt":"x","duration":5,"aspect_ratio":"16:9"}""")]
    [InlineData("seedance", "seedance-2", """{"prompt":"x","mode":"first_last_frames","image_urls":["https://example.com/a.png","https://example.com/b.png"]}""")]
    [InlineData("seedance", "seedance-2", """{"prompt":"x @image1 @video1 @audio1","mode":"omni_reference","image_urls":["https://example.com/a.png"],"video_urls":["https://example.com/a.mp4"],"audio_urls":["https://example.com/a.mp3"]}""")]
    [InlineData("seedance", "seedance-2-fast-less-restriction", """{"prompt":"x","resolution":"480p","duration":15}""")]
    [InlineData("hailuo", "video_generation", """{"model":"i2v-01","image_url":"https://example.com/a.png"}""")]
    [InlineData("hailuo", "video_generation", """{"model":"s2v-01","prompt":"x","image_url":"https://example.com/face.png"}""")]
    [InlineData("luma", "video_generation", """{"prompt":"x","key_frames":{"frame0":{"type":"image","url":"https://example.com/a.png"}}}""")]
    [InlineData("veo3.1", "veo3.1-video", """{"prompt":"x","duration":null,"generate_audio":true}""")]
    public async Task Inputs_the_family_takes_are_accepted(string model, string taskType, string input)
    {
        var (status, answer) = await FamilyRequests.PostAsync(simulator.Client, FamilyRequests.Body(model, taskType, JsonNode.Parse(input)!.AsObject()));

        Assert.True(status == HttpStatusCode.OK, answer.ToString());
        Assert.Equal(taskType, answer.GetProperty("data").GetProperty("task_type").GetString());
    }
}
