VideoVault.PiApiSimulator.SimulatorApp.Build(args).Run();
