using Microsoft.Extensions.Hosting;
using VideoVault.Functions;

FunctionsAppBuilder.Build(args).Run();
