using System.Buffers.Binary;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// An encoded clip as ffmpeg wrote it with <c>+faststart</c>: <c>ftyp</c>, <c>moov</c> (so a player can start
/// while the rest downloads), and an <c>mdat</c> that is the last top-level box.
/// </summary>
internal sealed class VideoClip
{
    private const int BoxHeaderSize = 8;

    private VideoClip(byte[] bytes, int mediaDataOffset)
    {
        Bytes = bytes;
        MediaDataOffset = mediaDataOffset;
    }

    public byte[] Bytes { get; }

    public int Length => Bytes.Length;

    /// <summary>Where the final <c>mdat</c> box starts; its 32-bit size is the first field.</summary>
    public int MediaDataOffset { get; }

    /// <summary>Checks the layout the padding relies on.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a faststart MP4 ending with a 32-bit-sized <c>mdat</c>.</exception>
    public static VideoClip Parse(byte[] bytes)
    {
        var seenMovie = false;
        var offset = 0;
        var index = 0;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < BoxHeaderSize)
            {
                throw new InvalidDataException($"The clip has {bytes.Length - offset} stray bytes at {offset}.");
            }

            var size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
            var type = bytes.AsSpan(offset + 4, 4);
            if (size < BoxHeaderSize || size > bytes.Length - offset)
            {
                throw new InvalidDataException($"The clip's box at {offset} has size {size}, which does not fit its {bytes.Length} bytes.");
            }

            if (index == 0 && !type.SequenceEqual("ftyp"u8))
            {
                throw new InvalidDataException("The clip does not start with an ftyp box.");
            }

            seenMovie |= type.SequenceEqual("moov"u8);
            if (type.SequenceEqual("mdat"u8))
            {
                if (!seenMovie || offset + size != bytes.Length)
                {
                    throw new InvalidDataException("The clip is not faststart: its mdat box must follow moov and end the file.");
                }

                return new VideoClip(bytes, offset);
            }

            offset += (int)size;
            index++;
        }

        throw new InvalidDataException("The clip has no mdat box.");
    }
}
