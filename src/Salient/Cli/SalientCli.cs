using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Salient.Cli;

/// <summary>
/// The <c>salient</c> command line: every command module listed here, and every command placed in a group of
/// <c>salient --help</c> as a user thinks of them.
/// </summary>
internal static class SalientCli
{
    /// <summary>Every module of commands.</summary>
    private static readonly ICommandModule[] Modules =
    [
        new Ingest.IngestCommands(),
        new Web.WebCommands(),
        new Workers.WorkerCommands(),
        new Sources.SourceCommands(),
        new Feeds.FeedCommands(),
        new Extraction.ExtractCommands(),
        new Stories.StoryCommands(),
        new Significance.SignificanceCommands(),
        new Writing.WritingCommands(),
        new CoreCommands(),
        new Storage.DbCommands(),
        new Digest.DigestCommands(),
        new Sections.TopicCommands(),
        new ToolsCommand(),
    ];

    /// <summary>The groups of <c>salient --help</c> and the top-level commands of each, in the order they are shown.</summary>
    private static readonly (string Heading, string[] Commands)[] Layout =
    [
        ("Run Salient", ["run", "serve", "worker", "ingest"]),
        ("Sources", ["sources"]),
        ("Batch tools (files or URLs in, JSON Lines out)", ["parse-feed", "extract", "cluster", "score", "summarize"]),
        ("Maintenance", ["migrate", "db", "stats", "export", "subscribers", "digest", "feedback", "label", "train", "topics"]),
        ("Benchmarks and evaluations", ["bench", "eval"]),
    ];

    /// <summary>Parent commands that group subcommands (for example <c>salient eval cluster</c>).</summary>
    private static readonly Dictionary<string, string> Parents = new(StringComparer.Ordinal)
    {
        ["sources"] = "Manage the feeds Salient polls: add, list, remove, import and export OPML.",
        ["db"] = "Database maintenance.",
        ["subscribers"] = "Manage digest subscribers.",
        ["export"] = "Write stored data as JSON Lines.",
        ["topics"] = "The desk classifier: train it on the desk labels and the shared data, with cross-validated figures.",
        ["feedback"] = "What readers and the admin said about stories' scores: list it, export it as labels for 'salient train --feedback'.",
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("Salient: a self-hosted news significance engine.");
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.Config);
        var commands = new Dictionary<string, Command>(StringComparer.Ordinal);
        foreach (var module in Modules)
        {
            foreach (var (parent, command) in module.Commands())
            {
                if (parent is null)
                {
                    commands.Add(command.Name, command);
                    continue;
                }
                if (!commands.TryGetValue(parent, out var group))
                {
                    group = new Command(parent, Parents[parent]);
                    commands.Add(parent, group);
                }
                group.Subcommands.Add(command);
            }
        }
        foreach (var (_, names) in Layout)
        {
            foreach (var name in names)
            {
                root.Subcommands.Add(commands.Remove(name, out var command) ? command : throw new InvalidOperationException($"no module makes the command '{name}'"));
            }
        }
        if (commands.Count > 0)
        {
            throw new InvalidOperationException($"commands missing from the help layout: {string.Join(", ", commands.Keys)}");
        }
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new GroupedHelp(help.Action!);
        return root;
    }

    /// <summary><c>salient --help</c> lists the commands in <see cref="Layout"/>'s groups; a command's own help is the usual one.</summary>
    private sealed class GroupedHelp(CommandLineAction usual) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command is not RootCommand root)
            {
                return usual is SynchronousCommandLineAction sync ? sync.Invoke(parseResult) : 0;
            }
            var output = parseResult.InvocationConfiguration.Output;
            var rows = root.Options.Where(o => !o.Hidden)
                .Select(o => (Label: string.Join(", ", o.Aliases.Where(a => a.StartsWith('-')).Append(o.Name).OrderBy(a => a.Length).ThenBy(a => a, StringComparer.Ordinal))
                    + (o.Arity.MinimumNumberOfValues == 0 ? "" : $" <{o.HelpName ?? o.Name.TrimStart('-')}>"), o.Description ?? ""))
                .ToList();
            var width = Math.Max(rows.Max(r => r.Label.Length), root.Subcommands.Max(c => c.Name.Length)) + 2;
            output.WriteLine("Description:");
            output.WriteLine($"  {root.Description}");
            output.WriteLine();
            output.WriteLine("Usage:");
            output.WriteLine($"  {root.Name} [command] [options]");
            output.WriteLine();
            output.WriteLine("Options:");
            foreach (var (label, description) in rows)
            {
                output.WriteLine($"  {label.PadRight(width)}{description}");
            }
            foreach (var (heading, names) in Layout)
            {
                output.WriteLine();
                output.WriteLine($"{heading}:");
                foreach (var command in names.Select(n => root.Subcommands.Single(c => c.Name == n)).Where(c => !c.Hidden))
                {
                    output.WriteLine($"  {command.Name.PadRight(width)}{command.Description}");
                }
            }
            output.WriteLine();
            output.WriteLine("Run 'salient COMMAND --help' for a command's options.");
            return 0;
        }
    }

    /// <summary>Runs one command line; <paramref name="ct"/> stops a long-running command as Ctrl+C would.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        var parse = Build().Parse(args);
        if (ToolsCommand.Forwards(parse))
        {
            return await ToolsCommand.RunAsync(args, ct).ConfigureAwait(false);
        }
        return await InvokeAsync(parse, ct).ConfigureAwait(false);
    }

    /// <summary>Runs a parsed command line: parse errors and failures become a message and an exit code (also for the tools program).</summary>
    public static async Task<int> InvokeAsync(ParseResult parse, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"salient: {error.Message}").ConfigureAwait(false);
            }
            await Console.Error.WriteLineAsync("Run 'salient --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, ct).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"salient: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("salient: cancelled").ConfigureAwait(false);
            return 130;
        }
        catch (SalientException e)
        {
            await Console.Error.WriteLineAsync($"salient: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            // A full disk or a closed output: what was written so far may be incomplete, and the exit code says so.
            await Console.Error.WriteLineAsync($"salient: reading or writing failed: {e.Message.TrimEnd('.')}; the output is incomplete").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (Settings.Problem(e) is { } problem)
        {
            // A setting read some other way than through the app or Settings.Read still gets a message, not a trace.
            await Console.Error.WriteLineAsync($"salient: {Settings.Unusable(problem, "the configuration file or the SALIENT_* environment variable").Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}

/// <summary>A group of related commands, listed in <see cref="SalientCli"/>.</summary>
internal interface ICommandModule
{
    /// <summary>The commands, each with the parent group it belongs to (null for top level).</summary>
    IEnumerable<(string? Parent, Command Command)> Commands();
}

/// <summary>Options that every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "SQLite file path or PostgreSQL connection string (default: the user's data directory).",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Path of a JSON configuration file (default: salient.json in the data directory).",
        Recursive = true,
    };
}

/// <summary>Process exit codes shared by all commands.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}

/// <summary>The caller gave unusable arguments; the message says which and what to do.</summary>
internal sealed class UsageException(string message) : Exception(message);
