using System.CommandLine;
using Salient.Cli;
using Salient.Pipeline;

namespace Salient.Workers;

/// <summary>Several workers in one process (<c>run --workers N</c>, the workers benchmark): each opens the app on its own, as a separate process would.</summary>
internal static class WorkerPool
{
    public static Task RunAsync(ParseResult parse, int workers, CancellationToken ct, WorkerTimings? timings = null) =>
        RunAsync(parse.GetValue(GlobalOptions.Db), parse.GetValue(GlobalOptions.Config), workers, ct, timings);

    public static async Task RunAsync(string? db, string? config, int workers, CancellationToken ct, WorkerTimings? timings = null)
    {
        var apps = new List<SalientApp>();
        try
        {
            for (var i = 0; i < workers; i++)
            {
                apps.Add(await SalientApp.OpenAsync(db, config, ct).ConfigureAwait(false));
            }
            await Task.WhenAll(apps.Select(app => Task.Run(() => app.Get<PipelineRunner>().RunAsync(ct, timings is null ? null : timings.Add), CancellationToken.None))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
