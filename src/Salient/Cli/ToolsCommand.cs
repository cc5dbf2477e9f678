using System.CommandLine;
using System.Diagnostics;

namespace Salient.Cli;

/// <summary>
/// <c>salient bench …</c> and <c>salient eval …</c>: the benchmarks and evaluations live in the tools project
/// (<c>tools/Salient.Bench</c>, <c>salient-bench.dll</c>); these commands run it as a child process with the same
/// arguments, standard input and output, and return its exit code.
/// </summary>
internal sealed class ToolsCommand : ICommandModule
{
    /// <summary>The tools program's file name.</summary>
    public const string FileName = "salient-bench.dll";

    /// <summary>Names a path to <see cref="FileName"/>, for a build kept elsewhere.</summary>
    public const string PathVariable = "SALIENT_BENCH_PATH";

    private static readonly Dictionary<string, string> Groups = new(StringComparer.Ordinal)
    {
        ["bench"] = "Measure a stage's throughput and memory (runs the tools project, salient-bench).",
        ["eval"] = "Measure a stage's quality on labelled data (runs the tools project, salient-bench).",
    };

    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        foreach (var (name, description) in Groups)
        {
            var rest = new Argument<string[]>("arguments") { Description = "The subcommand and its options; see 'salient " + name + " --help'.", Arity = ArgumentArity.ZeroOrMore };
            var cmd = new Command(name, description) { rest };
            cmd.TreatUnmatchedTokensAsErrors = false;
            cmd.SetAction((parse, ct) => RunAsync([.. parse.Tokens.Select(t => t.Value)], ct));
            yield return (null, cmd);
        }
    }

    /// <summary>Whether <paramref name="parse"/> is a <c>bench</c> or <c>eval</c> command line, to be run by the tools program whole (its <c>--help</c> included).</summary>
    public static bool Forwards(ParseResult parse) =>
        parse.CommandResult.Command is { } command && Groups.ContainsKey(command.Name) && parse.CommandResult.Parent?.Parent is null;

    /// <summary>Runs <c>dotnet salient-bench.dll ARGS</c> with this process's standard streams; returns its exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (Locate() is not { } dll)
        {
            await Console.Error.WriteLineAsync(
                "salient: bench and eval live in the tools project: build it with `dotnet build tools/Salient.Bench -c Release` " +
                "or run `dotnet run --project tools/Salient.Bench -c Release -- eval …`" +
                $" (or name its {FileName} in {PathVariable})").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        var start = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var child = Process.Start(start) ?? throw new SalientException($"cannot start {dll}");
        try
        {
            await child.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C reaches the child too: give it time to stop and clean up before it is killed.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await child.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
            }
            throw;
        }
        return child.ExitCode;
    }

    /// <summary>
    /// The tools program: <c>SALIENT_BENCH_PATH</c>, else next to salient.dll, else in the repository layout beside this
    /// build (<c>tools/Salient.Bench/bin/CONFIGURATION/net10.0</c>); null when none exists.
    /// </summary>
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } given)
        {
            var path = Directory.Exists(given) ? Path.Combine(given, FileName) : given;
            return File.Exists(path) ? Path.GetFullPath(path) : null;
        }
        var here = Path.GetDirectoryName(typeof(ToolsCommand).Assembly.Location) ?? AppContext.BaseDirectory;
        var beside = Path.Combine(here, FileName);
        if (File.Exists(beside))
        {
            return beside;
        }
        // here = src/Salient/bin/CONFIGURATION/net10.0
        var configuration = Path.GetFileName(Path.GetDirectoryName(here));
        if (string.IsNullOrEmpty(configuration))
        {
            return null;
        }
        var repo = Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", ".."));
        var built = Path.Combine(repo, "tools", "Salient.Bench", "bin", configuration, Path.GetFileName(here), FileName);
        return File.Exists(built) ? built : null;
    }

    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
