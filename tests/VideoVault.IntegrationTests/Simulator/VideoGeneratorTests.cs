using System.Buffers.Binary;
using System.Security.Cryptography;
using VideoVault.PiApiSimulator.Video;

namespace VideoVault.IntegrationTests.Simulator;

public sealed class VideoGeneratorTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(1001)]
    [InlineData(70_003)]
    public void The_content_does_not_depend_on_how_it_is_read(long size)
    {
        var whole = new byte[size];
        Assert.Equal(size, new VideoGenerator("task-a", size).Read(whole));

        var pieces = new byte[size];
        var generator = new VideoGenerator("task-a", size);
        var offset = 0;
        var step = 1;
        while (offset < size)
        {
            offset += generator.Read(pieces.AsSpan(offset, (int)Math.Min(step, size - offset)));
            step = step % 13 + 3;
        }

        Assert.Equal(whole, pieces);
        Assert.Equal(0, generator.Read(new byte[8]));
    }

    [Fact]
    public void The_file_starts_with_ftyp_and_an_mdat_spanning_the_rest()
    {
        var bytes = new byte[5000];
        new VideoGenerator("task-b", bytes.Length).Read(bytes);

        Assert.Equal(32u, BinaryPrimitives.ReadUInt32BigEndian(bytes));
        Assert.Equal("ftypisom"u8.ToArray(), bytes[4..12]);
        Assert.Equal("isomiso2avc1mp41"u8.ToArray(), bytes[16..32]);
        Assert.Equal((uint)(bytes.Length - 32), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(32)));
        Assert.Equal("mdat"u8.ToArray(), bytes[36..40]);
    }

    [Fact]
    public void Task_ids_seed_different_payloads()
    {
        var a = new byte[4096];
        var b = new byte[4096];
        new VideoGenerator("task-a", a.Length).Read(a);
        new VideoGenerator("task-b", b.Length).Read(b);

        Assert.Equal(a[..40], b[..40]);
        Assert.NotEqual(SHA256.HashData(a), SHA256.HashData(b));
    }

    [Fact]
    public void Videos_over_4_GiB_use_a_64_bit_mdat_size()
    {
        const long size = 5L * 1024 * 1024 * 1024;
        var header = new byte[48];
        var generator = new VideoGenerator("task-c", size);
        generator.Read(header);

        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(32)));
        Assert.Equal("mdat"u8.ToArray(), header[36..40]);
        Assert.Equal((ulong)(size - 32), BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(40)));
        Assert.Equal(size - 48, generator.Remaining);
    }
}
