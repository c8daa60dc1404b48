using System.Text.RegularExpressions;

namespace VideoVault.PiApi;

/// <summary>
/// Recognises PiAPI's answer for a model or task type it no longer serves. Resellers of a removed upstream model
/// answer "model not found" (OpenAI's Sora 2 shutdown of 2026-09-24), sometimes with a 5xx, which would otherwise
/// be retried as an outage; PiAPI publishes no error-code catalogue, so the message is all there is to go on.
/// </summary>
internal static partial class ModelRemoval
{
    public static bool Says(string? message) => message is not null && Pattern().IsMatch(message);

    [GeneratedRegex(
        @"\b(model|task[ _]?type)\b[^.;]{0,60}?\b(not (found|exist|supported|available)|does ?n[o']t exist|unsupported|no longer (available|supported|served)|discontinued|deprecated|removed|shut ?down)"
        + @"|\b(unknown|invalid|unsupported|unavailable) (model|task[ _]?type)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
