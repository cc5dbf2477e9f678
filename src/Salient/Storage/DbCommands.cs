using System.CommandLine;
using Salient.Cli;

namespace Salient.Storage;

/// <summary><c>salient db copy --from SQLITE_PATH --to CONNECTION_STRING</c>.</summary>
internal sealed class DbCommands : ICommandModule
{
    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        var from = new Option<string>("--from") { Description = "The SQLite file to copy from.", Required = true };
        var to = new Option<string>("--to") { Description = "The database to copy into: a PostgreSQL connection string (or another SQLite path). It must be empty.", Required = true };
        var cmd = new Command("copy", "Copy every source, article, story and subscriber from a SQLite file into an empty database, keeping ids.") { from, to };
        cmd.SetAction(async (parse, ct) =>
        {
            var fromPath = parse.GetValue(from)!;
            if (Database.LooksLikePostgres(fromPath) || !File.Exists(fromPath))
            {
                throw new UsageException($"--from '{fromPath}' is not an existing SQLite file; give the path of the Salient database to copy");
            }
            var source = Database.Create(fromPath);
            var target = Database.Create(parse.GetValue(to)!);
            var counts = await new DatabaseCopy(source, target).RunAsync(null, ct).ConfigureAwait(false);
            foreach (var c in counts)
            {
                Console.WriteLine($"{c.Table,-20} {c.Rows,10}");
            }
            Console.WriteLine($"copied {counts.Sum(c => c.Rows)} rows from {source.Display} to {target.Display}");
            return ExitCodes.Ok;
        });
        yield return ("db", cmd);
    }
}
