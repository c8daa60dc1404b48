using Microsoft.Extensions.Logging.Testing;

namespace VideoVault.Tests.Fakes;

/// <summary>Captured logs as the text a log sink would get, exceptions included, for tests that search it for what must or must not leak.</summary>
internal static class FakeLogLines
{
    public static IReadOnlyList<string> Lines(this FakeLogCollector logs) =>
        [.. logs.GetSnapshot().Select(record => $"{record.Level} {record.Category}: {record.Message} {record.Exception}")];
}
