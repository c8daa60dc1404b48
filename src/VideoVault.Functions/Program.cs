using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using VideoVault;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: the functions take HttpRequest and return the core's IResult, as on the dev host.
builder.ConfigureFunctionsWebApplication();

// The one registration the dev host calls too.
builder.Services.AddVideoVault(builder.Configuration);

builder.Build().Run();
