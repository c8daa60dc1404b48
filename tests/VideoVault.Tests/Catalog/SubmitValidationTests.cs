using System.Text;
using System.Text.Json;
using VideoVault.Http;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Catalog;

/// <summary>Submit bodies of every family, good and bad, as the catalog checks them.</summary>
public sealed class SubmitValidationTests
{
    [Theory]
    [InlineData("sora2-video", """{"model":"sora2","task_type":"sora2-video","input":{"prompt":"a fox","aspect_ratio":"16:9","duration":8,"image_url":"https://example.com/a.png"}}""")]
    [InlineData("sora2-pro-video", """{"model":"sora2","task_type":"sora2-pro-video","input":{"prompt":"a fox","resolution":"1080p","duration":12}}""")]
    [InlineData("veo3.1-video", """{"model":"veo3.1","task_type":"veo3.1-video","input":{"prompt":"a fox","negative_prompt":"static","aspect_ratio":"16:9","duration":"8s","resolution":"720p","generate_audio":false}}""")]
    [InlineData("veo3.1-video-fast", """{"model":"veo3.1","task_type":"veo3.1-video-fast","input":{"prompt":"a fox","image_url":"https://example.com/a.png","duration":"4s"}}""")]
    [InlineData("veo3-video", """{"model":"veo3","task_type":"veo3-video","input":{"prompt":"a fox","aspect_ratio":"auto","generate_audio":true}}""")]
    [InlineData("veo3-video-fast", """{"model":"veo3","task_type":"veo3-video-fast","input":{"prompt":"a fox"}}""")]
    [InlineData("kling-3.0", """{"model":"kling","task_type":"video_generation","input":{"version":"3.0","prompt":"a fox","duration":5,"aspect_ratio":"16:9","enable_audio":false,"prefer_multi_shots":false,"mode":"std"}}""")]
    [InlineData("kling-3.0-omni", """{"model":"kling","task_type":"omni_video_generation","input":{"version":"3.0","prompt":"a fox","resolution":"720p","duration":3,"aspect_ratio":"16:9","enable_audio":false}}""")]
    [InlineData("kling-legacy", """{"model":"kling","task_type":"video_generation","input":{"version":"1.6","prompt":"a fox","negative_prompt":"blur","cfg_scale":0.5,"duration":10,"mode":"pro","image_url":"https://example.com/a.png"}}""")]
    [InlineData("seedance-2", """{"model":"seedance","task_type":"seedance-2","input":{"prompt":"a fox","duration":15,"aspect_ratio":"21:9","resolution":"1080p","mode":"omni_reference","image_urls":["https://example.com/a.png"]}}""")]
    [InlineData("seedance-2-fast", """{"model":"seedance","task_type":"seedance-2-fast","input":{"prompt":"a fox","duration":4,"resolution":"480p"}}""")]
    [InlineData("hailuo-t2v-01", """{"model":"hailuo","task_type":"video_generation","input":{"model":"t2v-01","prompt":"a fox","expand_prompt":true}}""")]
    [InlineData("hailuo-i2v-01", """{"model":"hailuo","task_type":"video_generation","input":{"model":"i2v-01","image_url":"https://example.com/a.png"}}""")]
    [InlineData("hailuo-s2v-01", """{"model":"hailuo","task_type":"video_generation","input":{"model":"s2v-01","prompt":"a fox","image_url":"https://example.com/face.png"}}""")]
    [InlineData("luma", """{"model":"luma","task_type":"video_generation","input":{"prompt":"a fox","aspect_ratio":"16:9","key_frames":{"frame0":{"type":"image","url":"https://example.com/a.png"}}}}""")]
    public void A_good_body_of_each_family_names_its_entry_and_keeps_its_input(string entry, string body)
    {
        var (request, errors) = Parse(body);

        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Equal(entry, request.CatalogEntryId);
        using var given = JsonDocument.Parse(body);
        using var kept = JsonDocument.Parse(request.InputJson!);
        Assert.Equal(
            given.RootElement.GetProperty("input").EnumerateObject().Select(p => p.Name).Order(),
            kept.RootElement.EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("""{"model":"veo3.1","task_type":"veo3.1-video","input":{"prompt":"x","duration":8}}""", "input.duration", "Must be a non-empty string, one of \"4s\", \"6s\", \"8s\" for veo3.1-video.")]
    [InlineData("""{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x","duration":"8s"}}""", "input.duration", "Must be a whole number, one of 4, 8, 12 for sora2-video.")]
    [InlineData("""{"model":"sora2","task_type":"sora2-video","input":{"prompt":"x","duration":5}}""", "input.duration", "Must be one of 4, 8, 12.")]
    [InlineData("""{"model":"sora2","task_type":"sora2-pro-video","input":{"prompt":"x","image_url":"https://example.com/a.png"}}""", "input.image_url", "Not an input of sora2-pro-video (sora2 / sora2-pro-video); it takes prompt, aspect_ratio, resolution, duration.")]
    [InlineData("""{"model":"veo3.1","task_type":"veo3.1-video","input":{"prompt":"x","image_url":"http://example.com/a.png"}}""", "input.image_url", "Must be an absolute https URL.")]
    [InlineData("""{"model":"veo3.1","task_type":"veo3.1-video","input":{"prompt":"x","image_url":"https://user:pw@example.com/a.png"}}""", "input.image_url", "Must not carry credentials (user:password@).")]
    [InlineData("""{"model":"veo3.1","task_type":"veo3.1-video","input":{"prompt":"x","generate_audio":"yes"}}""", "input.generate_audio", "Must be true or false.")]
    [InlineData("""{"model":"kling","task_type":"video_generation","input":{"prompt":"x"}}""", "input.version", "Picks the kling / video_generation model: one of 3.0 (kling-3.0); 1.0, 1.5, 1.6 (kling-legacy).")]
    [InlineData("""{"model":"kling","task_type":"video_generation","input":{"version":"3.0","prompt":"x","duration":20}}""", "input.duration", "Must be between 3 and 15.")]
    [InlineData("""{"model":"kling","task_type":"video_generation","input":{"version":"1.6","prompt":"x","cfg_scale":2}}""", "input.cfg_scale", "Must be between 0 and 1.")]
    [InlineData("""{"model":"seedance","task_type":"seedance-2-fast","input":{"prompt":"x","resolution":"1080p"}}""", "input.resolution", "Must be one of \"480p\", \"720p\".")]
    [InlineData("""{"model":"seedance","task_type":"seedance-2","input":{"prompt":"x","image_urls":["https://example.com/a.png","ftp://x/y"]}}""", "input.image_urls", "Item 1: Must be an absolute https URL.")]
    [InlineData("""{"model":"hailuo","task_type":"video_generation","input":{"model":"i2v-01","prompt":"x"}}""", "input.image_url", "Required.")]
    [InlineData("""{"model":"hailuo","task_type":"video_generation","input":{"model":"t2v-01","prompt":"x","image_url":"https://example.com/a.png"}}""", "input.image_url", "Not an input of hailuo-t2v-01 (hailuo / video_generation); it takes model, prompt, expand_prompt.")]
    [InlineData("""{"model":"veo3.1","task_type":"veo3.1-video","input":{"prompt":"x","seed":7}}""", "input.seed", "Not an input of veo3.1-video (veo3.1 / veo3.1-video); it takes prompt, negative_prompt, image_url, aspect_ratio, duration, resolution, generate_audio.")]
    [InlineData("""{"model":"veo3.1","task_type":"veo3-video","input":{"prompt":"x"}}""", "task_type", "Unknown task_type 'veo3-video' for veo3.1; supported: veo3.1-video, veo3.1-video-fast.")]
    [InlineData("""{"model":"Wan","task_type":"wan26-txt2video","input":{"prompt":"x"}}""", "task_type", "wan-2.6-txt2video (Wan 2.6 text to video) is disabled on this deployment.")]
    public void A_bad_body_gets_a_field_level_error(string body, string field, string message)
    {
        var (request, errors) = Parse(body);

        Assert.Null(request);
        Assert.Equal([message], errors[field]);
    }

    [Fact]
    public void An_old_sora_request_keeps_its_idempotency_fingerprint()
    {
        // The hash the submit endpoint stored for this body before the catalog (RequestFingerprint's layout then).
        var (request, _) = Parse("""{"model":"sora2","task_type":"sora2-pro-video","input":{"prompt":" a lighthouse ","aspect_ratio":"16:9","resolution":"720p","duration":4}}""");

        Assert.Equal(LegacyFingerprint("sora2", "sora2-pro-video", "a lighthouse", "16:9", "720p", 4, null), RequestFingerprint.Of(request!));
    }

    [Fact]
    public void Requests_that_differ_only_in_a_non_sora_input_have_different_fingerprints()
    {
        var (audio, _) = Parse("""{"model":"veo3.1","task_type":"veo3.1-video","input":{"prompt":"x","generate_audio":true}}""");
        var (silent, _) = Parse("""{"model":"veo3.1","task_type":"veo3.1-video","input":{"prompt":"x","generate_audio":false}}""");

        Assert.NotEqual(RequestFingerprint.Of(audio!), RequestFingerprint.Of(silent!));
    }

    private static string LegacyFingerprint(string model, string taskType, string prompt, string? aspectRatio, string? resolution, int? duration, string? imageUrl)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(model);
            writer.WriteStringValue(taskType);
            writer.WriteStringValue(prompt);
            writer.WriteStringValue(aspectRatio);
            writer.WriteStringValue(resolution);
            if (duration is { } seconds)
            {
                writer.WriteNumberValue(seconds);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteStringValue(imageUrl);
            writer.WriteStringValue((string?)null);
            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(buffer.WrittenSpan));
    }

    private static (VideoRequest? Request, Dictionary<string, string[]> Errors) Parse(string json) =>
        SubmitRequestParser.Parse(Encoding.UTF8.GetBytes(json), TestCatalog.Default);
}
