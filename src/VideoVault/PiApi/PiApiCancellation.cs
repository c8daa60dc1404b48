namespace VideoVault.PiApi;

/// <summary>PiAPI's answer to a cancel it accepted: its envelope's message (<c>task &lt;id&gt; canceled</c>), no task.</summary>
internal sealed record PiApiCancellation(string? Message);
