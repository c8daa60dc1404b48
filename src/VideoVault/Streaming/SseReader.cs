using System.Buffers;
using System.Text;

namespace VideoVault.Streaming;

/// <summary>
/// Reads the <c>data</c> of Server-Sent Events from a byte stream, following the HTML standard's
/// "interpreting an event stream": lines end with CRLF, LF or CR (also when split across reads);
/// a blank line dispatches the event; <c>data</c> lines are joined with LF; lines starting with
/// <c>:</c> are comments; <c>event</c>, <c>id</c>, <c>retry</c> and unknown fields are ignored (the
/// vendor uses none of them); an event not finished by a blank line when the stream ends is discarded.
/// Memory is bounded: a line or an event over its limit throws <see cref="InvalidStreamException"/>.
/// </summary>
internal sealed class SseReader(Stream stream, int maxLineBytes, int maxEventChars)
{
    private const int ReadSize = 4096;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly byte[] buffer = new byte[ReadSize];
    private readonly ArrayBufferWriter<byte> line = new(256);
    private readonly StringBuilder data = new();
    private int start;
    private int end;
    private bool afterCarriageReturn;
    private bool firstLine = true;
    private bool endOfStream;

    /// <returns>The next event's data, or null when the stream has ended.</returns>
    /// <exception cref="InvalidStreamException">A line or an event is over its limit.</exception>
    public async ValueTask<string?> ReadEventAsync(CancellationToken cancellationToken)
    {
        while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            if (text.Length == 0)
            {
                if (data.Length == 0)
                {
                    continue;
                }

                // Every data line appended a LF; the last one is not part of the data.
                var result = data.ToString(0, data.Length - 1);
                data.Clear();
                return result;
            }

            if (text[0] == ':')
            {
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? text : text[..colon];
            if (field != "data")
            {
                continue;
            }

            var value = colon < 0 ? ReadOnlySpan<char>.Empty : text.AsSpan(colon + 1);
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            if (data.Length + value.Length + 1 > maxEventChars)
            {
                throw new InvalidStreamException($"A stream event is longer than {maxEventChars} characters.");
            }

            data.Append(value).Append('\n');
        }

        return null;
    }

    /// <returns>The next complete line without its end, or null at the end of the stream (a last line without an end is dropped with its event).</returns>
    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (start == end)
            {
                if (endOfStream)
                {
                    return null;
                }

                start = 0;
                end = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (end == 0)
                {
                    endOfStream = true;
                    return null;
                }
            }

            // A CR at the end of the previous read may be the first half of a CRLF.
            if (afterCarriageReturn)
            {
                afterCarriageReturn = false;
                if (buffer[start] == (byte)'\n')
                {
                    start++;
                    continue;
                }
            }

            var available = buffer.AsSpan(start, end - start);
            var stop = available.IndexOfAny((byte)'\r', (byte)'\n');
            var piece = stop < 0 ? available : available[..stop];
            if (line.WrittenCount + piece.Length > maxLineBytes)
            {
                throw new InvalidStreamException($"A stream line is longer than {maxLineBytes} bytes.");
            }

            line.Write(piece);
            if (stop < 0)
            {
                start = end;
                continue;
            }

            afterCarriageReturn = available[stop] == (byte)'\r';
            start += stop + 1;
            return TakeLine();
        }
    }

    private string TakeLine()
    {
        var bytes = line.WrittenSpan;
        if (firstLine)
        {
            // The stream may start with a byte order mark, which is not part of the first line.
            firstLine = false;
            if (bytes.StartsWith(Utf8Bom))
            {
                bytes = bytes[Utf8Bom.Length..];
            }
        }

        // CR and LF never occur inside a multi-byte UTF-8 sequence, so each line decodes on its own.
        var text = Encoding.UTF8.GetString(bytes);
        line.ResetWrittenCount();
        return text;
    }
}

/// <summary>
/// A stream that cannot be read any further: over a size limit, or carrying something other than
/// what the protocol promises. The message is the reason, safe to store and show.
/// </summary>
internal sealed class InvalidStreamException(string message) : Exception(message);
