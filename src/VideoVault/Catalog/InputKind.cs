namespace VideoVault.Catalog;

/// <summary>The JSON type an input field takes, and how its value is checked.</summary>
internal enum InputKind
{
    /// <summary>A non-empty string, trimmed.</summary>
    String,

    /// <summary>A whole number (PiAPI's integer durations).</summary>
    Integer,

    /// <summary>Any number (Kling's <c>cfg_scale</c>).</summary>
    Number,

    Boolean,

    /// <summary>An absolute https URL without credentials.</summary>
    Url,

    /// <summary>An array of <see cref="Url"/> values.</summary>
    UrlList,

    /// <summary>A JSON object passed through as given (Luma's <c>key_frames</c>, Kling's <c>camera_control</c>).</summary>
    Object,

    /// <summary>An array of JSON objects passed through as given (Kling 3.0's <c>multi_shots</c>).</summary>
    ObjectList,
}
