using System.CommandLine;
using Salient.Cli;

namespace Salient.Storage;

/// <summary><c>salient db copy --from SQLITE_PATH --to CONNECTION_STRING</c>, <c>db backup FILE</c>, <c>db restore FILE</c> and <c>db prune</c>.</summary>
internal sealed class DbCommands : ICommandModule
{
    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return ("db", Copy());
        yield return ("db", Backup());
        yield return ("db", Restore());
        yield return ("db", Prune());
    }

    private static Command Prune()
    {
        var days = new Option<int>("--older-than") { Description = $"Remove stories whose newest article is more than this many days old (at least {StorePruner.MinDays}).", Required = true };
        var below = new Option<double>("--below") { Description = "Remove only stories whose score is below this (0-10; never-scored stories count as below), for example 5.5.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be removed; change nothing." };
        var cmd = new Command("prune", "Remove old closed stories that stayed below a score, with their articles; stories in a thread, followed, sent in a digest or given feedback are kept, and so is every story's score history.") { days, below, dryRun };
        cmd.SetAction(async (parse, ct) =>
        {
            var olderThan = parse.GetValue(days);
            var bar = parse.GetValue(below);
            if (!StorePruner.UsableDays(olderThan))
            {
                throw new UsageException($"--older-than {olderThan}: give a number of days from {StorePruner.MinDays} to {StorePruner.MaxDays}; a new story may still join the thread of a story up to 30 days older");
            }
            if (!StorePruner.UsableBar(bar))
            {
                throw new UsageException($"--below {bar.ToString(System.Globalization.CultureInfo.InvariantCulture)}: give a score above 0 and at most 10, for example 5.5 (the stories the site shows by default stay)");
            }
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var cutoff = app.Get<TimeProvider>().GetUtcNow().AddDays(-olderThan);
            var dry = parse.GetValue(dryRun);
            var r = await StorePruner.PruneAsync(app.Database, cutoff, bar, dry, ct).ConfigureAwait(false);
            var verb = dry ? "would remove" : "removed";
            Console.WriteLine($"{verb} {r.Stories} stories scored below {bar.ToString(System.Globalization.CultureInfo.InvariantCulture)} whose newest article is older than {cutoff.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC " +
                $"({r.Merged} merged into them), with {r.Articles} articles, from {app.Database.Display}; kept {r.Kept} such stories that a thread, a follow, a digest or feedback points at; every story's score history stays");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Backup()
    {
        var file = new Argument<string>("FILE") { Description = "The backup file to write; it must not exist yet." };
        var cmd = new Command("backup", "Copy the SQLite store (given with --db) into FILE, consistent even while 'salient run' writes to it, and check the copy.") { file };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct, migrate: false).ConfigureAwait(false);
            try
            {
                var b = await DatabaseBackup.BackupAsync(app.Database, parse.GetValue(file)!, ct).ConfigureAwait(false);
                Console.WriteLine($"backed up {app.Database.Display} to {b.File}: {b.Bytes} bytes, {b.Articles} articles, {b.Stories} stories, schema {b.SchemaVersion:D4}; integrity check ok");
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Restore()
    {
        var file = new Argument<string>("FILE") { Description = "A file written by 'salient db backup'." };
        var cmd = new Command("restore", "Check FILE and put it in place of the SQLite store (given with --db); the store it replaces is kept beside it. Refused while a salient process (run, ingest, worker, serve) uses the store.") { file };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct, migrate: false).ConfigureAwait(false);
            try
            {
                var (b, kept) = await DatabaseBackup.RestoreAsync(app.Database, parse.GetValue(file)!, app.Get<TimeProvider>(), ct).ConfigureAwait(false);
                if (kept is not null)
                {
                    Console.WriteLine($"kept the store it replaces as {kept}");
                }
                Console.WriteLine($"restored {b.File} into {app.Database.Display}: {b.Articles} articles, {b.Stories} stories; integrity check ok");
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Copy()
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
        return cmd;
    }
}
