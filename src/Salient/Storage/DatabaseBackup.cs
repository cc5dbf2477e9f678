using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Salient.Storage;

/// <summary>
/// Backups of a SQLite store (<c>salient db backup</c> and <c>db restore</c>). A backup is made with SQLite's online
/// backup API, which copies a consistent snapshot while other connections (a running <c>salient run</c>) keep writing,
/// into a file beside the target that becomes the backup only once it is whole and passes <c>PRAGMA integrity_check</c>.
/// A restore checks the file first (SQLite, intact, a Salient store this version can read), keeps the store it replaces
/// as a file of its own, copies the backup in through the same API and brings its schema up to date.
/// </summary>
internal static class DatabaseBackup
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    public sealed record Summary(string File, long Bytes, long Articles, long Stories, int SchemaVersion);

    /// <summary>Copies <paramref name="db"/> into <paramref name="file"/>, which must not exist yet (its folder must).</summary>
    public static async Task<Summary> BackupAsync(Database db, string file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.IsPostgres)
        {
            throw new SalientException($"'{db.Display}' is a PostgreSQL database; back it up with pg_dump (pg_dump --format=custom --file=salient.dump DATABASE) as docs/operations.md shows");
        }
        if (!File.Exists(db.Display))
        {
            throw new SalientException($"there is no store at '{db.Display}' to back up; give the store with --db");
        }
        var target = Path.GetFullPath(file);
        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new ArgumentException($"backup file '{target}' already exists; give a new file name (a backup never overwrites anything)");
        }
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"the folder '{folder}' for backup file '{target}' does not exist; create it or give another path");
        }
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await using (var source = (SqliteConnection)await db.OpenAsync(ct).ConfigureAwait(false))
            {
                await using var copy = Open(partial, SqliteOpenMode.ReadWriteCreate);
                await copy.OpenAsync(ct).ConfigureAwait(false);
                // One step: the whole store is read in one read transaction, a snapshot that writers in WAL mode do not block.
                source.BackupDatabase(copy);
                // A backup is one self-contained file, not a WAL store that needs its -wal beside it.
                await Sql.ExecuteAsync(copy, null, "PRAGMA journal_mode=DELETE", ct).ConfigureAwait(false);
            }
            var summary = await CheckAsync(partial, ct).ConfigureAwait(false);
            File.Move(partial, target);
            return summary with { File = target };
        }
        catch (SqliteException e)
        {
            throw new SalientException($"backing up '{db.Display}' to '{target}' failed: {e.Message.TrimEnd('.')}; nothing was written", e);
        }
        catch (IOException e)
        {
            throw new SalientException($"backing up '{db.Display}' to '{target}' failed: {e.Message.TrimEnd('.')}; free some space or choose another place", e);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// What a backup holds, after checking that it is a whole SQLite file of a Salient store that this version can open;
    /// throws <see cref="ArgumentException"/> saying what is wrong with it otherwise.
    /// </summary>
    public static async Task<Summary> CheckAsync(string file, CancellationToken ct)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"backup file '{path}' does not exist; give the path of a file written by 'salient db backup'");
        }
        var header = new byte[SqliteHeader.Length];
        await using (var stream = File.OpenRead(path))
        {
            if (await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false) < header.Length
                || !header.AsSpan().SequenceEqual(SqliteHeader))
            {
                throw new ArgumentException($"'{path}' is not a SQLite file; give a file written by 'salient db backup'");
            }
        }
        try
        {
            await using var conn = Open(path, SqliteOpenMode.ReadOnly);
            await conn.OpenAsync(ct).ConfigureAwait(false);
            var problems = await Sql.QueryAsync(conn, null, "PRAGMA integrity_check(20)", r => r.GetString(0), ct).ConfigureAwait(false);
            if (problems is not ["ok"])
            {
                throw new ArgumentException($"'{path}' is damaged (integrity check: {string.Join("; ", problems.Take(3))}); use another backup");
            }
            var tables = await Sql.QueryAsync(conn, null, "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migrations', 'articles', 'stories')",
                r => r.GetString(0), ct).ConfigureAwait(false);
            if (tables.Count < 3)
            {
                throw new ArgumentException($"'{path}' is a SQLite file but not a Salient store; give a file written by 'salient db backup'");
            }
            var versions = await Sql.QueryAsync(conn, null, "SELECT version FROM schema_migrations", r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            var known = Database.Migrations(SqlDialect.Sqlite).Select(m => m.Version).ToHashSet();
            if (versions.Where(v => !known.Contains(v)).ToList() is { Count: > 0 } newer)
            {
                throw new ArgumentException($"'{path}' was written by a newer version of Salient (migration {string.Join(", ", newer.Order())}); restore it with that version");
            }
            var articles = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles", ct).ConfigureAwait(false);
            var stories = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM stories", ct).ConfigureAwait(false);
            return new Summary(path, new FileInfo(path).Length, articles, stories, versions.Count == 0 ? 0 : versions.Max());
        }
        catch (SqliteException e)
        {
            throw new ArgumentException($"'{path}' is damaged or not a whole Salient store ({e.Message.TrimEnd('.')}); use another backup", e);
        }
    }

    /// <summary>
    /// Puts the backup <paramref name="file"/> in place of <paramref name="db"/>'s content after checking it. A store
    /// already there is first kept as <c>STORE.before-restore-TIME</c>, whose path is returned (null when there was none).
    /// Refuses, changing nothing, while a running command uses the store (<see cref="StoreLock"/>).
    /// </summary>
    public static async Task<(Summary Restored, string? Kept)> RestoreAsync(Database db, string file, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (db.IsPostgres)
        {
            throw new SalientException($"'{db.Display}' is a PostgreSQL database; restore it with pg_restore as docs/operations.md shows");
        }
        // Held to the end: a command that starts meanwhile waits for nothing half-restored, it refuses to start.
        using var alone = StoreLock.Exclusive(db);
        var summary = await CheckAsync(file, ct).ConfigureAwait(false);
        if (string.Equals(Path.GetFullPath(file), db.Display, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{summary.File}' is the store itself; give a backup file");
        }
        string? kept = null;
        if (File.Exists(db.Display) && new FileInfo(db.Display).Length > 0)
        {
            kept = $"{db.Display}.before-restore-{clock.GetUtcNow():yyyyMMdd-HHmmss}";
            await BackupAsync(db, kept, ct).ConfigureAwait(false);
        }
        try
        {
            await using (var backup = Open(summary.File, SqliteOpenMode.ReadOnly))
            await using (var store = (SqliteConnection)await db.OpenAsync(ct).ConfigureAwait(false))
            {
                await backup.OpenAsync(ct).ConfigureAwait(false);
                backup.BackupDatabase(store);
            }
            SqliteConnection.ClearAllPools();
            await db.MigrateAsync(ct).ConfigureAwait(false);
            await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
            if (await Sql.ScalarAsync(conn, null, "PRAGMA integrity_check", ct).ConfigureAwait(false) is not "ok")
            {
                throw new SalientException($"the restored store '{db.Display}' fails its integrity check; the store it replaced is kept as '{kept}'");
            }
        }
        catch (SqliteException e)
        {
            throw new SalientException($"restoring '{summary.File}' into '{db.Display}' failed: {e.Message.TrimEnd('.')}" +
                (kept is null ? string.Empty : $"; the store it replaced is kept as '{kept}'"), e);
        }
        return (summary, kept);
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
}
