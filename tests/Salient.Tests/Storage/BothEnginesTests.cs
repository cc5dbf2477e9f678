using System.Data.Common;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

public sealed class BothEnginesTests
{
    [Fact]
    public void PostgreSQL_is_configured_whenever_the_suite_runs_in_CI()
    {
        // test.sh starts a PostgreSQL cluster and sets SALIENT_TEST_POSTGRES; without it half the storage suite would not run.
        if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
        {
            Assert.NotNull(TestDatabase.PostgresServer);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Migrations_apply_once_and_a_second_run_applies_nothing(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine, migrate: false);
        var first = await db.Database.MigrateAsync(CancellationToken.None);
        var second = await db.Database.MigrateAsync(CancellationToken.None);
        Assert.Equal(Database.Migrations(db.Database.Dialect).Count, first.Count);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Both_engines_have_the_same_tables_and_columns()
    {
        if (TestDatabase.PostgresServer is null)
        {
            return; // Checked wherever PostgreSQL is configured (always in CI, see above).
        }
        await using var sqlite = await TestDatabase.CreateAsync("sqlite");
        await using var postgres = await TestDatabase.CreateAsync("postgres");
        var fromSqlite = await ColumnsAsync(sqlite.Database, """
            SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%'
              AND m.name NOT LIKE '%_fts%'
            """);
        var fromPostgres = await ColumnsAsync(postgres.Database, """
            SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
            """);
        var onlySqlite = fromSqlite.Except(fromPostgres).ToList();
        var onlyPostgres = fromPostgres.Except(fromSqlite).Where(c => !c.Contains("search", StringComparison.Ordinal) && !c.Contains("_tsv", StringComparison.Ordinal)).ToList();
        Assert.True(onlySqlite.Count == 0 && onlyPostgres.Count == 0,
            $"only in SQLite: {string.Join(", ", onlySqlite)}; only in PostgreSQL: {string.Join(", ", onlyPostgres)}");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_store_migrated_by_a_newer_version_is_refused_and_left_as_it_was(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        await using (var conn = await t.Database.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "INSERT INTO sources (url, name, created_at) VALUES ('https://kept.example/feed.xml', 'Kept', 0)", CancellationToken.None);
            await Sql.ExecuteAsync(conn, null, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9001, 'future_columns', 0)", CancellationToken.None);
        }

        var e = await Assert.ThrowsAsync<SalientException>(() => t.Database.MigrateAsync(CancellationToken.None));

        Assert.Contains("written by a newer version of Salient", e.Message, StringComparison.Ordinal);
        Assert.Contains("9001_future_columns", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", e.Message, StringComparison.Ordinal);
        await using var check = await t.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(1L, await Sql.LongAsync(check, null, "SELECT COUNT(*) FROM sources WHERE name = 'Kept'", CancellationToken.None));
        Assert.Equal(Database.Migrations(t.Database.Dialect).Count + 1,
            (int)await Sql.LongAsync(check, null, "SELECT COUNT(*) FROM schema_migrations", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Times_ids_text_and_bytes_round_trip_the_same_on_both_engines(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var conn = await db.Database.OpenAsync(CancellationToken.None);
        var now = DateTimeOffset.Parse("2026-11-27T05:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture);
        var sourceId = await Sql.LongAsync(conn, null,
            "INSERT INTO sources (url, name, created_at) VALUES (@u, @n, @t) RETURNING id", CancellationToken.None,
            ("u", "http://127.0.0.1/feed.xml"), ("n", "Ünïcode ‘quotes’ 日本"), ("t", Clock.ToUnixMs(now)));
        var id = await Sql.LongAsync(conn, null, """
            INSERT INTO articles (source_id, url, canonical_url, title, discovered_at, embedding)
            VALUES (@s, @u, @u, @title, @t, @e) RETURNING id
            """, CancellationToken.None, ("s", sourceId), ("u", "http://127.0.0.1/a"), ("title", "Title"), ("t", Clock.ToUnixMs(now)), ("e", new byte[] { 0, 1, 255 }));
        var rows = await Sql.QueryAsync(conn, null, "SELECT a.discovered_at, a.embedding, s.name FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = @id",
            r => (r.Time("discovered_at"), r.Bytes("embedding"), r.Str("name")), CancellationToken.None, ("id", id));
        var (time, bytes, name) = Assert.Single(rows);
        Assert.Equal(now, time);
        Assert.Equal(new byte[] { 0, 1, 255 }, bytes);
        Assert.Equal("Ünïcode ‘quotes’ 日本", name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_text_holding_a_nul_is_stored_without_it_on_both_engines(string engine)
    {
        // PostgreSQL refuses a NUL in text (22021): stored as given, it would fail every poll of the feed that carries it.
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var conn = await db.Database.OpenAsync(CancellationToken.None);
        var sourceId = await Sql.LongAsync(conn, null,
            "INSERT INTO sources (url, name, created_at) VALUES (@u, @n, @t) RETURNING id", CancellationToken.None,
            ("u", "http://127.0.0.1/feed.json"), ("n", "Nul\0 news"), ("t", 1L));
        var id = await Sql.LongAsync(conn, null,
            "INSERT INTO articles (source_id, url, canonical_url, title, text, discovered_at) VALUES (@s, @u, @u, @title, @text, 1) RETURNING id",
            CancellationToken.None, ("s", sourceId), ("u", "http://127.0.0.1/a"), ("title", "Fed\0 holds rates"), ("text", "\0The Fed held rates.\0"));
        var rows = await Sql.QueryAsync(conn, null, "SELECT a.title, a.text, s.name FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id = @id",
            r => (r.Str("title"), r.Str("text"), r.Str("name")), CancellationToken.None, ("id", id));
        Assert.Equal(("Fed holds rates", "The Fed held rates.", "Nul news"), Assert.Single(rows));
    }

    private static async Task<HashSet<string>> ColumnsAsync(Database db, string sql)
    {
        await using DbConnection conn = await db.OpenAsync(CancellationToken.None);
        return (await Sql.QueryAsync(conn, null, sql, r => r.GetString(0), CancellationToken.None)).ToHashSet(StringComparer.Ordinal);
    }
}
