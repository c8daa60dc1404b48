using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using VideoVault.Http;

namespace VideoVault.Functions;

/// <summary>Anonymous like <see cref="ConsolePageFunction"/>: the console's script and styles are static files.</summary>
public sealed class ConsoleAssetFunction(ApiHandlers api)
{
    /// <param name="asset">Bound from the <c>{asset}</c> segment of <see cref="Routes.ConsoleAsset"/>.</param>
    [Function("ConsoleAsset")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ConsoleAsset)] HttpRequest request,
        string asset) => api.GetConsoleAsset(asset);
}
