namespace VideoVault.PiApiSimulator.Video.H264;

/// <summary>
/// The one sequence and picture parameter set of every clip (ITU-T H.264 7.3.2.1 and 7.3.2.2), as NAL units with
/// their header byte, the form the <c>avcC</c> box carries them in.
/// </summary>
/// <remarks>
/// Constrained Baseline (profile 66 with constraint_set0 and constraint_set1), the profile browsers decode
/// everywhere; level 3.0. Picture order count type 2, so output order is decoding order and no reordering delay
/// exists; one reference frame, because each P picture only repeats its predecessor's skipped macroblocks.
/// </remarks>
internal static class ParameterSets
{
    public const byte ProfileIdc = 66;

    /// <summary>constraint_set0_flag and constraint_set1_flag: the stream also obeys Baseline's and Main's constraints.</summary>
    public const byte ProfileCompatibility = 0xC0;

    public const byte LevelIdc = 30;

    public const int Log2MaxFrameNum = 4;

    public static byte[] Sequence { get; } = BuildSequence();

    public static byte[] Picture { get; } = BuildPicture();

    private static byte[] BuildSequence()
    {
        var bits = new BitWriter();
        bits.Bits(0x67, 8); // nal_ref_idc 3, nal_unit_type 7
        bits.Bits(ProfileIdc, 8);
        bits.Bits(ProfileCompatibility, 8);
        bits.Bits(LevelIdc, 8);
        bits.UnsignedExpGolomb(0); // seq_parameter_set_id
        bits.UnsignedExpGolomb(Log2MaxFrameNum - 4);
        bits.UnsignedExpGolomb(2); // pic_order_cnt_type
        bits.UnsignedExpGolomb(1); // max_num_ref_frames
        bits.Flag(false); // gaps_in_frame_num_value_allowed_flag
        bits.UnsignedExpGolomb(ClipFormat.WidthInMacroblocks - 1);
        bits.UnsignedExpGolomb(ClipFormat.HeightInMacroblocks - 1);
        bits.Flag(true); // frame_mbs_only_flag
        bits.Flag(true); // direct_8x8_inference_flag
        bits.Flag(true); // frame_cropping_flag
        bits.UnsignedExpGolomb(0); // frame_crop_left_offset
        bits.UnsignedExpGolomb(0); // frame_crop_right_offset
        bits.UnsignedExpGolomb(0); // frame_crop_top_offset
        bits.UnsignedExpGolomb((ClipFormat.CodedHeight - ClipFormat.Height) / 2); // in 4:2:0 frames a crop unit is 2 lines
        bits.Flag(false); // vui_parameters_present_flag
        bits.TrailingBits();
        return bits.Take();
    }

    private static byte[] BuildPicture()
    {
        var bits = new BitWriter();
        bits.Bits(0x68, 8); // nal_ref_idc 3, nal_unit_type 8
        bits.UnsignedExpGolomb(0); // pic_parameter_set_id
        bits.UnsignedExpGolomb(0); // seq_parameter_set_id
        bits.Flag(false); // entropy_coding_mode_flag: CAVLC
        bits.Flag(false); // bottom_field_pic_order_in_frame_present_flag
        bits.UnsignedExpGolomb(0); // num_slice_groups_minus1
        bits.UnsignedExpGolomb(0); // num_ref_idx_l0_default_active_minus1
        bits.UnsignedExpGolomb(0); // num_ref_idx_l1_default_active_minus1
        bits.Flag(false); // weighted_pred_flag
        bits.Bits(0, 2); // weighted_bipred_idc
        bits.SignedExpGolomb(0); // pic_init_qp_minus26
        bits.SignedExpGolomb(0); // pic_init_qs_minus26
        bits.SignedExpGolomb(0); // chroma_qp_index_offset
        bits.Flag(true); // deblocking_filter_control_present_flag: lets slices turn the filter off
        bits.Flag(false); // constrained_intra_pred_flag
        bits.Flag(false); // redundant_pic_cnt_present_flag
        bits.TrailingBits();
        return bits.Take();
    }
}
