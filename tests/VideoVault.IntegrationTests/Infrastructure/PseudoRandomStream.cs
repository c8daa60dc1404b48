using System.Buffers.Binary;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// A read-only, forward-only stream of <paramref name="length"/> pseudo-random bytes made on the fly
/// (xorshift64*), so gigabytes can be uploaded without ever holding them. The same seed gives the same
/// bytes, which lets a test hash the expected content independently. It can neither seek nor tell its
/// length, like a network download.
/// </summary>
public sealed class PseudoRandomStream(long length, ulong seed) : Stream
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
    private ulong _pending;
    private int _pendingBytes;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("The length of a generated stream is not known to its reader.");

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        var i = 0;
        while (i < count)
        {
            if (_pendingBytes == 0 && count - i >= 8)
            {
                // Whole words at once; little-endian keeps the same byte order as the slow path below.
                BinaryPrimitives.WriteUInt64LittleEndian(buffer[i..], Next());
                i += 8;
                continue;
            }

            if (_pendingBytes == 0)
            {
                _pending = Next();
                _pendingBytes = 8;
            }

            buffer[i++] = (byte)_pending;
            _pending >>= 8;
            _pendingBytes--;
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private ulong Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1DUL;
    }
}
