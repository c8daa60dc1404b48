VideoVault.DevHost.DevHostApp.Build(args).Run();
