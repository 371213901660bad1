using Sparkle.Db.Cli;

return await CliApplication.RunAsync(args);
