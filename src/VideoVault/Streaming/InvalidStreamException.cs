namespace VideoVault.Streaming;

/// <summary>
/// A stream that cannot be read any further: over a size limit, or carrying something other than
/// what the protocol promises. The message is the reason, safe to store and show.
/// </summary>
internal sealed class InvalidStreamException(string message) : Exception(message);
