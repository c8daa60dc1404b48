using VideoVault.PiApiSimulator.Video;
using VideoVault.PiApiSimulator.Video.H264;
using VideoVault.PiApiSimulator.Video.Pattern;

namespace VideoVault.IntegrationTests.Simulator;

public sealed class TestPatternTests
{
    [Fact]
    public void Each_frame_codes_every_macroblock_that_changed_since_the_one_before()
    {
        var pattern = new TestPattern("0f8fad5b-d9cb-469f-a165-70867728950e");
        for (var frame = 1; frame < ClipFormat.MaxFrames; frame++)
        {
            var coded = Motion.ChangedMacroblocks(frame);
            for (var address = 0; address < ClipFormat.MacroblockCount; address++)
            {
                var changed = !Render(pattern, frame - 1, address).SequenceEqual(Render(pattern, frame, address));
                Assert.True(!changed || coded.Contains(address), $"frame {frame}: macroblock {address} changed but is skipped");
            }

            Assert.InRange(coded.Length, 1, 6);
            Assert.Equal(coded, ClipPlan.Frame(frame).Macroblocks);
        }
    }

    [Fact]
    public void Every_sample_is_within_16_and_235_so_no_pcm_byte_is_zero()
    {
        var pattern = new TestPattern("UPPER case, punctuation & ünïcode: drawn as boxes, and longer than three lines of sixteen");
        for (var frame = 0; frame < ClipFormat.MaxFrames; frame++)
        {
            for (var address = 0; address < ClipFormat.MacroblockCount; address++)
            {
                Assert.All(Render(pattern, frame, address), sample => Assert.InRange(sample, 16, 235));
            }
        }
    }

    [Fact]
    public void The_task_id_is_drawn_in_the_caption_band_only()
    {
        var a = new TestPattern("0f8fad5b-d9cb-469f-a165-70867728950e");
        var b = new TestPattern("0f8fad5b-d9cb-469f-a165-70867728950f");
        var differing = new List<int>();
        for (var address = 0; address < ClipFormat.MacroblockCount; address++)
        {
            if (!Render(a, 0, address).SequenceEqual(Render(b, 0, address)))
            {
                differing.Add(address / ClipFormat.WidthInMacroblocks);
            }
        }

        Assert.NotEmpty(differing);
        Assert.All(differing, row => Assert.InRange(row * ClipFormat.MacroblockSize, TestPattern.CaptionTop, TestPattern.TrackTop - 1));
    }

    private static byte[] Render(TestPattern pattern, int frame, int address)
    {
        var samples = new byte[SliceLayout.PcmBytes];
        pattern.RenderMacroblock(frame, address, samples);
        return samples;
    }
}
