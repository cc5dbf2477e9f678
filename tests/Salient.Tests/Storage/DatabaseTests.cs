using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

public sealed class DatabaseTests
{
    [Fact]
    public async Task Stores_opened_at_the_same_moment_on_one_new_file_apply_each_migration_once_and_none_fails()
    {
        using var dir = new TempDir();
        var path = dir.File("salient.db");
        // Separate Database objects, as separate processes would have: nothing in memory is shared between them.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Database.Create(path).MigrateAsync(CancellationToken.None))));

        var db = Database.Create(path);
        await using var conn = await db.OpenAsync(CancellationToken.None);
        var versions = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM schema_migrations", CancellationToken.None);
        Assert.Equal(Database.Migrations(db.Dialect).Count, versions);
        Assert.Equal(versions, results.Sum(r => r.Count));
        Assert.Empty(await db.PendingMigrationsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Migrations_apply_once_and_a_second_run_applies_nothing()
    {
        using var dir = new TempDir();
        var db = Database.Create(dir.File("salient.db"));
        var first = await db.MigrateAsync(CancellationToken.None);
        var second = await db.MigrateAsync(CancellationToken.None);
        Assert.NotEmpty(first);
        Assert.Empty(second);
        await using var conn = await db.OpenAsync(CancellationToken.None);
        Assert.Equal("wal", (string?)await Sql.ScalarAsync(conn, null, "PRAGMA journal_mode", CancellationToken.None));
    }

    [Fact]
    public void Migrations_are_numbered_uniquely_and_exist_for_both_engines()
    {
        var sqlite = Database.Migrations(SqlDialect.Sqlite).Select(m => m.Version).ToList();
        var postgres = Database.Migrations(SqlDialect.Postgres).Select(m => m.Version).ToList();
        Assert.Equal(sqlite.Distinct().Count(), sqlite.Count);
        Assert.Equal(sqlite, postgres);
    }

    [Fact]
    public void A_folder_given_as_database_path_is_refused_with_a_clear_message()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<SalientException>(() => Database.Create(dir.Path));
        Assert.Contains("--db", e.Message, StringComparison.Ordinal);
    }
}
