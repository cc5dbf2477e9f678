using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Salient.Cli;
using Salient.Pipeline;

namespace Salient.Workers;

/// <summary><c>salient worker</c>: polling and every pipeline stage, without the site, until Ctrl+C or SIGTERM.</summary>
internal sealed class WorkerCommands : ICommandModule
{
    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return (null, Worker());
    }

    private static Command Worker()
    {
        var quiet = new Option<bool>("--quiet") { Description = "Log only warnings and errors." };
        var cmd = new Command("worker",
            "Poll sources and run every pipeline stage, without the site, until Ctrl+C or SIGTERM. Any number of workers, on any number of " +
            "machines, may share one PostgreSQL database (--db \"Host=...;Database=...\"): each claims its work under a lease.") { quiet };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct, logLevel: parse.GetValue(quiet) ? LogLevel.Warning : LogLevel.Information, longRunning: true).ConfigureAwait(false);
            var timings = new WorkerTimings();
            Console.Error.WriteLine($"salient: worker {Environment.ProcessId} on {app.Database.Display}; Ctrl+C stops");
            await app.Get<PipelineRunner>().RunAsync(ct, timings.Add).ConfigureAwait(false);
            var parts = timings.Snapshot().OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value.Items} in {kv.Value.Seconds:0.0} s"));
            Console.Error.WriteLine($"salient: worker {Environment.ProcessId} stopped; {string.Join(", ", parts)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
