using Salient.Cli;

return await SalientCli.RunAsync(args).ConfigureAwait(false);
