using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

/// <summary>
/// Anonymous because the page and its files are static and hold no data: a browser cannot send a function key
/// on a navigation without putting it in the URL, where history and logs would keep it. The API calls the
/// page makes send the operator's key in the x-functions-key header.
/// </summary>
public sealed class ConsoleFunctions(ConsoleEndpoint endpoint)
{
    [Function("ConsolePage")]
    public IResult Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Console)] HttpRequest request) => endpoint.GetPage();

    /// <param name="asset">Bound from the <c>{asset}</c> segment of <see cref="Routes.ConsoleAsset"/>.</param>
    [Function("ConsoleAsset")]
    public IResult Asset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ConsoleAsset)] HttpRequest request,
        string asset) => endpoint.GetAsset(asset);
}
