using VideoVault.PiApiSimulator.Video.H264;

namespace VideoVault.PiApiSimulator.Video.Mp4;

/// <summary>
/// Everything of a clip's file before its first sample: <c>ftyp</c>, then <c>moov</c> (one H.264 video track whose
/// sample table lists every frame), then the header of the <c>mdat</c> box holding the frames back to back as one
/// chunk. The movie comes first, as with <c>+faststart</c>, so a browser starts playing while the rest downloads.
/// </summary>
internal static class ClipHeader
{
    public const int FileTypeSize = 32;
    public const int MediaDataHeaderSize = 8;

    private const int TrackId = 1;

    /// <summary>The <c>ftyp</c> box alone: major brand <c>isom</c>, compatible with isom, iso2, avc1 and mp41.</summary>
    public static byte[] FileType { get; } = BuildFileType();

    /// <param name="sampleSizes">Size of each frame's sample, in order.</param>
    /// <param name="mediaDataTail">Bytes after the last sample that still belong to the <c>mdat</c> box.</param>
    public static byte[] Build(IReadOnlyList<int> sampleSizes, int mediaDataTail)
    {
        var box = new BoxWriter();
        box.Bytes(FileType);
        var chunkOffsetField = WriteMovie(box, sampleSizes);
        box.Patch(chunkOffsetField, (uint)(box.Length + MediaDataHeaderSize));
        box.UInt32((uint)(MediaDataHeaderSize + sampleSizes.Sum() + mediaDataTail));
        box.Bytes("mdat"u8);
        return box.ToArray();
    }

    private static byte[] BuildFileType()
    {
        var box = new BoxWriter();
        var fileType = box.Begin("ftyp");
        box.Bytes("isom"u8);
        box.UInt32(0x200); // minor_version
        box.Bytes("isomiso2avc1mp41"u8);
        box.End(fileType);
        return box.ToArray();
    }

    /// <returns>Where the one chunk offset goes, known once the movie box is complete.</returns>
    private static int WriteMovie(BoxWriter box, IReadOnlyList<int> sampleSizes)
    {
        var duration = (uint)(sampleSizes.Count * ClipFormat.FrameDuration);
        var movie = box.Begin("moov");

        var header = box.BeginFull("mvhd");
        box.UInt32(0); // creation_time
        box.UInt32(0); // modification_time
        box.UInt32(ClipFormat.Timescale);
        box.UInt32(duration);
        box.UInt32(0x00010000); // rate 1.0
        box.UInt16(0x0100); // volume 1.0
        box.Zeros(10);
        Matrix(box);
        box.Zeros(24); // pre_defined
        box.UInt32(TrackId + 1); // next_track_ID
        box.End(header);

        var track = box.Begin("trak");
        var trackHeader = box.BeginFull("tkhd", flags: 0x3); // enabled, in the movie
        box.UInt32(0); // creation_time
        box.UInt32(0); // modification_time
        box.UInt32(TrackId);
        box.UInt32(0);
        box.UInt32(duration);
        box.Zeros(8);
        box.UInt16(0); // layer
        box.UInt16(0); // alternate_group
        box.UInt16(0); // volume: a video track
        box.UInt16(0);
        Matrix(box);
        box.UInt32(ClipFormat.Width << 16);
        box.UInt32(ClipFormat.Height << 16);
        box.End(trackHeader);

        var media = box.Begin("mdia");
        var mediaHeader = box.BeginFull("mdhd");
        box.UInt32(0); // creation_time
        box.UInt32(0); // modification_time
        box.UInt32(ClipFormat.Timescale);
        box.UInt32(duration);
        box.UInt16(0x55C4); // language "und", three 5-bit letters
        box.UInt16(0);
        box.End(mediaHeader);

        var handler = box.BeginFull("hdlr");
        box.UInt32(0); // pre_defined
        box.Bytes("vide"u8);
        box.Zeros(12);
        box.Bytes("VideoHandler\0"u8);
        box.End(handler);

        var information = box.Begin("minf");
        var videoHeader = box.BeginFull("vmhd", flags: 0x1);
        box.Zeros(8); // graphicsmode, opcolor
        box.End(videoHeader);

        var dataInformation = box.Begin("dinf");
        var references = box.BeginFull("dref");
        box.UInt32(1);
        box.End(box.BeginFull("url ", flags: 0x1)); // the media data is in this file
        box.End(references);
        box.End(dataInformation);

        var chunkOffsetField = WriteSampleTable(box, sampleSizes);
        box.End(information);
        box.End(media);
        box.End(track);
        box.End(movie);
        return chunkOffsetField;
    }

    private static int WriteSampleTable(BoxWriter box, IReadOnlyList<int> sampleSizes)
    {
        var table = box.Begin("stbl");

        var descriptions = box.BeginFull("stsd");
        box.UInt32(1);
        var entry = box.Begin("avc1");
        box.Zeros(6);
        box.UInt16(1); // data_reference_index
        box.Zeros(16);
        box.UInt16(ClipFormat.Width);
        box.UInt16(ClipFormat.Height);
        box.UInt32(0x00480000); // 72 dpi
        box.UInt32(0x00480000);
        box.UInt32(0);
        box.UInt16(1); // frame_count per sample
        box.Zeros(32); // compressorname
        box.UInt16(0x0018); // depth
        box.UInt16(0xFFFF); // pre_defined -1
        WriteDecoderConfiguration(box);
        box.End(entry);
        box.End(descriptions);

        var times = box.BeginFull("stts");
        box.UInt32(1);
        box.UInt32((uint)sampleSizes.Count);
        box.UInt32(ClipFormat.FrameDuration);
        box.End(times);

        // Only the first frame is an IDR picture; the others are P pictures that need it.
        var syncSamples = box.BeginFull("stss");
        box.UInt32(1);
        box.UInt32(1);
        box.End(syncSamples);

        var samplesToChunk = box.BeginFull("stsc");
        box.UInt32(1);
        box.UInt32(1); // first_chunk
        box.UInt32((uint)sampleSizes.Count); // samples_per_chunk
        box.UInt32(1); // sample_description_index
        box.End(samplesToChunk);

        var sizes = box.BeginFull("stsz");
        box.UInt32(0); // sample_size: they differ
        box.UInt32((uint)sampleSizes.Count);
        foreach (var size in sampleSizes)
        {
            box.UInt32((uint)size);
        }

        box.End(sizes);

        var chunkOffsets = box.BeginFull("stco");
        box.UInt32(1);
        var chunkOffsetField = box.Length;
        box.UInt32(0);
        box.End(chunkOffsets);

        box.End(table);
        return chunkOffsetField;
    }

    /// <summary><c>avcC</c> (ISO/IEC 14496-15): profile, level, 4-byte NAL unit lengths, and the parameter sets.</summary>
    private static void WriteDecoderConfiguration(BoxWriter box)
    {
        var configuration = box.Begin("avcC");
        box.UInt8(1); // configurationVersion
        box.UInt8(ParameterSets.ProfileIdc);
        box.UInt8(ParameterSets.ProfileCompatibility);
        box.UInt8(ParameterSets.LevelIdc);
        box.UInt8(0xFF); // reserved bits, lengthSizeMinusOne = 3
        box.UInt8(0xE1); // reserved bits, one sequence parameter set
        box.UInt16((ushort)ParameterSets.Sequence.Length);
        box.Bytes(ParameterSets.Sequence);
        box.UInt8(1); // one picture parameter set
        box.UInt16((ushort)ParameterSets.Picture.Length);
        box.Bytes(ParameterSets.Picture);
        box.End(configuration);
    }

    /// <summary>The identity transformation matrix of <c>mvhd</c> and <c>tkhd</c>.</summary>
    private static void Matrix(BoxWriter box)
    {
        uint[] identity = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];
        foreach (var value in identity)
        {
            box.UInt32(value);
        }
    }
}
