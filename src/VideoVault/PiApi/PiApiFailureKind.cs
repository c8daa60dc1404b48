namespace VideoVault.PiApi;

/// <summary>Why a PiAPI call failed.</summary>
internal enum PiApiFailureKind
{
    /// <summary>401 or 403: the API key is missing, wrong or not allowed.</summary>
    Unauthorized,

    /// <summary>429: see <see cref="PiApiFailure.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>5xx.</summary>
    ServerError,

    /// <summary>A 4xx other than 401, 403, 404 and 429: PiAPI refused the request itself.</summary>
    BadRequest,

    /// <summary>404: no such task.</summary>
    NotFound,

    /// <summary>A 2xx whose envelope <c>code</c> is not 200.</summary>
    EnvelopeError,

    /// <summary>
    /// PiAPI says the model or task type does not exist (any status, a 5xx included): it was removed upstream, so
    /// no retry can succeed. See <see cref="ModelRemoval"/>.
    /// </summary>
    ModelUnavailable,

    /// <summary>No answer within the configured timeout; the request may have reached PiAPI.</summary>
    Timeout,

    /// <summary>No connection could be made, so the request never reached PiAPI.</summary>
    ConnectionFailed,

    /// <summary>
    /// An answer that cannot be read: an unparseable 2xx body, a redirect, or a connection that broke
    /// after the request was sent. The request may have reached PiAPI.
    /// </summary>
    InvalidResponse,
}
