namespace VideoVault.PiApiSimulator.Faults;

/// <summary>What <c>[sim:cover=...]</c> does to a task's cover image.</summary>
public enum CoverFault
{
    /// <summary>The PNG is served.</summary>
    None,

    /// <summary>A 200 <c>text/html</c> error page instead of the image.</summary>
    Html,

    /// <summary>500 Internal Server Error.</summary>
    ServerError,
}
