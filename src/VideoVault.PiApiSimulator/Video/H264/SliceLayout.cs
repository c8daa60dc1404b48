using System.Buffers.Binary;

namespace VideoVault.PiApiSimulator.Video.H264;

/// <summary>
/// One coded picture as an MP4 sample: a 4-byte length, then a single slice NAL unit whose macroblocks are I_PCM
/// (raw samples) or, in P pictures, skipped (a copy of the same macroblock of the picture before). Everything but
/// the PCM samples follows from which macroblocks are coded, so a layout is computed once per frame index and its
/// size is known before any pixel is drawn.
/// </summary>
/// <remarks>
/// The sample is <c>Runs[0]</c>, the PCM samples of <c>Macroblocks[0]</c>, <c>Runs[1]</c>, ..., the last run.
/// No emulation prevention bytes are ever needed: PCM samples are never zero (the test pattern keeps them in
/// 16..235), and the constructor checks that no run holds two zero bytes in a row, so <c>00 00</c> cannot occur
/// anywhere in the NAL unit.
/// </remarks>
internal sealed class SliceLayout
{
    /// <summary>256 luma and 2 x 64 chroma samples of 8 bits (4:2:0).</summary>
    public const int PcmBytes = 384;

    private const int LengthPrefixSize = 4;

    private const uint IntraPcmInIntraSlice = 25;
    private const uint IntraPcmInPredictedSlice = 5 + IntraPcmInIntraSlice;

    private SliceLayout(List<byte[]> runs, IReadOnlyList<int> macroblocks)
    {
        var nalSize = runs.Sum(run => run.Length) + (PcmBytes * macroblocks.Count);
        byte[] prefixed = [0, 0, 0, 0, .. runs[0]];
        BinaryPrimitives.WriteInt32BigEndian(prefixed, nalSize);
        runs[0] = prefixed;
        Runs = runs;
        Macroblocks = macroblocks;
        SampleSize = LengthPrefixSize + nalSize;
        EnsureNoEmulation(runs);
    }

    public IReadOnlyList<byte[]> Runs { get; }

    /// <summary>Addresses (raster order) of the I_PCM macroblocks; every other one is skipped.</summary>
    public IReadOnlyList<int> Macroblocks { get; }

    public int SampleSize { get; }

    /// <summary>The first picture: an IDR picture whose macroblocks are all I_PCM.</summary>
    public static SliceLayout Instantaneous()
    {
        var bits = new BitWriter();
        bits.Bits(0x65, 8); // nal_ref_idc 3, nal_unit_type 5 (IDR)
        bits.UnsignedExpGolomb(0); // first_mb_in_slice
        bits.UnsignedExpGolomb(7); // slice_type: I, as is every slice of the picture
        bits.UnsignedExpGolomb(0); // pic_parameter_set_id
        bits.Bits(0, ParameterSets.Log2MaxFrameNum); // frame_num
        bits.UnsignedExpGolomb(0); // idr_pic_id
        bits.Flag(false); // no_output_of_prior_pics_flag
        bits.Flag(false); // long_term_reference_flag
        SliceHeaderTail(bits);

        var runs = new List<byte[]>();
        var macroblocks = Enumerable.Range(0, ClipFormat.MacroblockCount).ToArray();
        foreach (var _ in macroblocks)
        {
            bits.UnsignedExpGolomb(IntraPcmInIntraSlice);
            bits.AlignWithZeros(); // pcm_alignment_zero_bit
            runs.Add(bits.Take());
        }

        bits.TrailingBits();
        runs.Add(bits.Take());
        return new SliceLayout(runs, macroblocks);
    }

    /// <summary>A later picture: a P picture coding <paramref name="coded"/> as I_PCM and skipping the rest.</summary>
    /// <param name="frameIndex">Position in the clip (1 or more): gives <c>frame_num</c>, as every picture is a reference.</param>
    /// <param name="coded">Macroblock addresses in ascending order.</param>
    public static SliceLayout Predicted(int frameIndex, IReadOnlyList<int> coded)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameIndex, 1);
        var bits = new BitWriter();
        bits.Bits(0x41, 8); // nal_ref_idc 2, nal_unit_type 1 (non-IDR)
        bits.UnsignedExpGolomb(0); // first_mb_in_slice
        bits.UnsignedExpGolomb(5); // slice_type: P, as is every slice of the picture
        bits.UnsignedExpGolomb(0); // pic_parameter_set_id
        bits.Bits((uint)(frameIndex % (1 << ParameterSets.Log2MaxFrameNum)), ParameterSets.Log2MaxFrameNum); // frame_num
        bits.Flag(false); // num_ref_idx_active_override_flag
        bits.Flag(false); // ref_pic_list_modification_flag_l0
        bits.Flag(false); // adaptive_ref_pic_marking_mode_flag: sliding window
        SliceHeaderTail(bits);

        var runs = new List<byte[]>();
        var next = 0;
        foreach (var address in coded)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(address, next, nameof(coded));
            bits.UnsignedExpGolomb((uint)(address - next)); // mb_skip_run
            bits.UnsignedExpGolomb(IntraPcmInPredictedSlice);
            bits.AlignWithZeros(); // pcm_alignment_zero_bit
            runs.Add(bits.Take());
            next = address + 1;
        }

        if (next < ClipFormat.MacroblockCount)
        {
            bits.UnsignedExpGolomb((uint)(ClipFormat.MacroblockCount - next)); // the skip run to the end of the picture
        }

        bits.TrailingBits();
        runs.Add(bits.Take());
        return new SliceLayout(runs, coded);
    }

    private static void SliceHeaderTail(BitWriter bits)
    {
        bits.SignedExpGolomb(0); // slice_qp_delta
        bits.UnsignedExpGolomb(1); // disable_deblocking_filter_idc: skipped macroblocks stay exact copies
    }

    private static void EnsureNoEmulation(IReadOnlyList<byte[]> runs)
    {
        for (var index = 0; index < runs.Count; index++)
        {
            var run = index == 0 ? runs[0].AsSpan(LengthPrefixSize) : runs[index];
            if (run.IndexOf((ReadOnlySpan<byte>)[0, 0]) >= 0)
            {
                throw new InvalidOperationException($"Run {index} of a slice holds 00 00, which would need emulation prevention.");
            }
        }
    }
}
