using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoVault;

/// <summary>
/// The framework log levels both hosts ship with (host.json says the same to the Functions host). At
/// Information, ASP.NET Core logs every result it writes ("Writing value of type 'TaskView' as Json")
/// and HttpClient four lines per outgoing call: most of a healthy task's log, and paid for in Application
/// Insights. Their warnings still come through; a more specific Logging:LogLevel category wins.
/// </summary>
internal static class ShippedLogLevels
{
    private static readonly string[] WarningAndAbove = ["Microsoft.AspNetCore", "System.Net.Http"];

    public static IServiceCollection AddShippedLogLevels(this IServiceCollection services) => services.AddLogging(logging =>
    {
        foreach (var category in WarningAndAbove)
        {
            logging.AddFilter(category, LogLevel.Warning);
        }
    });
}
