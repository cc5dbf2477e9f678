using System.CommandLine;
using System.Reflection;

namespace Salient.Cli;

/// <summary>Builds the <c>salient</c> command line from every <see cref="ICommandModule"/> in the assembly.</summary>
internal static class SalientCli
{
    /// <summary>Parent commands that group subcommands (for example <c>salient eval cluster</c>).</summary>
    private static readonly Dictionary<string, string> Groups = new(StringComparer.Ordinal)
    {
        ["sources"] = "Manage the feeds Salient polls: add, list, remove, import and export OPML.",
        ["db"] = "Database maintenance.",
        ["subscribers"] = "Manage digest subscribers.",
        ["export"] = "Write stored data as JSON Lines.",
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("Salient: a self-hosted news significance engine.");
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.Config);
        var groups = new Dictionary<string, Command>(StringComparer.Ordinal);
        var modules = typeof(SalientCli).Assembly.GetTypes()
            .Where(t => typeof(ICommandModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (ICommandModule)Activator.CreateInstance(t, nonPublic: true)!);
        foreach (var module in modules)
        {
            foreach (var (parent, command) in module.Commands())
            {
                if (parent is null)
                {
                    root.Subcommands.Add(command);
                    continue;
                }
                if (!groups.TryGetValue(parent, out var group))
                {
                    group = new Command(parent, Groups.GetValueOrDefault(parent, parent));
                    groups[parent] = group;
                    root.Subcommands.Add(group);
                }
                group.Subcommands.Add(command);
            }
        }
        return root;
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
        catch (InvalidOperationException e) when (SalientApp.IsBinderError(e))
        {
            // A command that reads its settings without opening the app (the batch tools) still gets a message, not a trace.
            await Console.Error.WriteLineAsync($"salient: configuration: {e.Message.TrimEnd('.')}; correct it in the configuration file or the SALIENT_* environment variable").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}

/// <summary>A group of related commands; found by reflection so each stage adds its own commands.</summary>
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
