using System.CommandLine;
using Microsoft.Extensions.Logging;
using Salient.Cli;

namespace Salient.Web;

/// <summary><c>salient serve</c>: the site alone, no polling.</summary>
internal sealed class WebCommands : ICommandModule
{
    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return (null, Serve());
    }

    private static Command Serve()
    {
        var urls = new Option<string>("--urls") { Description = "Where the site listens.", DefaultValueFactory = _ => "http://localhost:5080" };
        var cmd = new Command("serve", "Serve the site, feeds and API from the store without polling (Ctrl+C stops).") { urls };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct, logLevel: LogLevel.Information, longRunning: true).ConfigureAwait(false);
            await using var site = await SiteHost.StartAsync(app, parse.GetValue(urls)!, ct, logLevel: LogLevel.Information).ConfigureAwait(false);
            Console.Error.WriteLine($"salient: serving {app.Database.Display} on {string.Join(", ", site.Urls)}; Ctrl+C stops");
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
