using Salient.Bench;
using Salient.Cli;

return await SalientCli.InvokeAsync(BenchCli.Build().Parse(args)).ConfigureAwait(false);
