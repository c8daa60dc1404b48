using System.Globalization;
using Microsoft.AspNetCore.Http;
using VideoVault.Budgets;

namespace VideoVault.Http;

/// <summary>429 with <c>Retry-After</c> (whole seconds, rounded up) and a problem body whose <c>limit</c> names the budget.</summary>
internal sealed class OverBudgetResult(BudgetRefusal refusal) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(refusal.RetryAfter.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            refusal.Detail,
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Over budget",
            type: "https://tools.ietf.org/html/rfc6585#section-4",
            extensions: new Dictionary<string, object?> { ["limit"] = refusal.LimitName, ["retry_after_seconds"] = seconds }).ExecuteAsync(httpContext);
    }
}
