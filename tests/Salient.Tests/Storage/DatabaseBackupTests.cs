using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Salient.Bench;
using Salient.Cli;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Storage;

/// <summary><c>salient db backup</c> and <c>db restore</c> on real SQLite files, while a real ingest writes.</summary>
public sealed class DatabaseBackupTests
{
    [Fact]
    public async Task A_backup_taken_during_an_ingest_restores_to_a_store_that_passes_its_integrity_check_and_serves_the_same_stories()
    {
        await using var feeds = await LoopbackSite.StartAsync(recordRequests: false);
        var news = new SyntheticNewsSite(feeds.BaseUri, 16, 5, seed: 11);
        foreach (var (path, (body, type)) in news.Files)
        {
            feeds.MapBytes(path, body, type);
        }
        using var dir = new TempDir();
        File.WriteAllText(dir.File("feeds.opml"), news.Opml(feeds.BaseUri));
        var live = dir.File("live.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", live, "sources", "import", dir.File("feeds.opml")]));

        // Backups are taken one after another for as long as the ingest runs; each names whether the ingest was still going when it was done.
        var ingest = Task.Run(() => SalientCli.RunAsync(["--db", live, "ingest", "--once"]));
        var taken = new List<(string File, bool DuringIngest)>();
        while (!ingest.IsCompleted)
        {
            var file = dir.File($"backup-{taken.Count}.db");
            Assert.Equal(0, await SalientCli.RunAsync(["--db", live, "db", "backup", file]));
            taken.Add((file, !ingest.IsCompleted));
        }
        Assert.Equal(0, await ingest);
        var during = taken.Where(t => t.DuringIngest).Select(t => t.File).ToList();
        Assert.NotEmpty(during);
        var final = dir.File("after.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", live, "db", "backup", final]));

        foreach (var backup in new[] { during[^1], final })
        {
            var restored = dir.File($"restored-{Path.GetFileNameWithoutExtension(backup)}.db");
            Assert.Equal(0, await SalientCli.RunAsync(["--db", restored, "db", "restore", backup]));

            Assert.Equal("ok", await ScalarAsync(restored, "PRAGMA integrity_check"));
            var expected = await StoriesAsync(backup);
            Assert.Equal(expected, await StoriesAsync(restored));
            await using var app = await SalientApp.OpenAsync(restored, null, CancellationToken.None);
            await using var site = await SiteHost.StartAsync(app, "http://127.0.0.1:0", CancellationToken.None, hostedServices: false);
            using var client = new HttpClient { BaseAddress = site.BaseUri };
            foreach (var (id, title) in expected)
            {
                using var response = await client.GetAsync($"/api/stories/{id}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal(title, json.RootElement.GetProperty("story").GetProperty("title").GetString());
            }
        }
        // The finished ingest made stories, and the backup taken after it holds every one the live store serves.
        var stories = await StoriesAsync(final);
        Assert.NotEmpty(stories);
        Assert.Equal(await StoriesAsync(live), stories);
    }

    [Fact]
    public async Task Restore_keeps_the_store_it_replaces_beside_it()
    {
        using var dir = new TempDir();
        var store = dir.File("salient.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "sources", "add", "https://one.example/feed.xml"]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "db", "backup", dir.File("one.db")]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "sources", "add", "https://two.example/feed.xml"]));

        var (exit, lines, _) = await SalientProcess.RunAsync(["--db", store, "db", "restore", dir.File("one.db")], dir);

        Assert.Equal(0, exit);
        Assert.Equal(1L, await ScalarAsync(store, "SELECT COUNT(*) FROM sources"));
        var kept = Assert.Single(Directory.GetFiles(dir.Path, "salient.db.before-restore-*"));
        Assert.Contains(kept, string.Join('\n', lines), StringComparison.Ordinal);
        Assert.Equal(2L, await ScalarAsync(kept, "SELECT COUNT(*) FROM sources"));
    }

    public static TheoryData<string, string> Unusable => new()
    {
        { "random", "is not a SQLite file" },
        { "empty", "is not a SQLite file" },
        { "truncated", "damaged" },
        { "foreign", "not a Salient store" },
        { "newer", "newer version of Salient" },
        { "missing", "does not exist" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task Restore_refuses_a_file_that_is_not_a_whole_salient_store_and_changes_nothing(string kind, string expected)
    {
        using var dir = new TempDir();
        var store = dir.File("salient.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "sources", "add", "https://kept.example/feed.xml"]));
        var backup = dir.File("backup.db");
        switch (kind)
        {
            case "random":
                File.WriteAllBytes(backup, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251))]);
                break;
            case "empty":
                File.WriteAllBytes(backup, []);
                break;
            case "truncated":
                Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "db", "backup", dir.File("whole.db")]));
                var bytes = File.ReadAllBytes(dir.File("whole.db"));
                File.WriteAllBytes(backup, bytes[..(bytes.Length / 2)]);
                break;
            case "foreign":
                await ExecuteAsync(backup, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
                break;
            case "newer":
                Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "db", "backup", backup]));
                await ExecuteAsync(backup, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from_the_future', 0)");
                break;
        }
        var before = await SourcesAsync(store);

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["--db", store, "db", "restore", backup], dir);

        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Contains(backup, stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
        Assert.Equal(["https://kept.example/feed.xml"], before);
        Assert.Equal(before, await SourcesAsync(store));
        Assert.Equal("ok", await ScalarAsync(store, "PRAGMA integrity_check"));
        Assert.Empty(Directory.GetFiles(dir.Path, "salient.db.before-restore-*"));
    }

    [Fact]
    public async Task Backup_refuses_an_existing_file_a_missing_folder_and_a_missing_store_and_writes_nothing()
    {
        using var dir = new TempDir();
        var store = dir.File("salient.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "sources", "add", "https://kept.example/feed.xml"]));
        File.WriteAllText(dir.File("exists.db"), "precious");

        var existing = await SalientProcess.RunAsync(["--db", store, "db", "backup", dir.File("exists.db")], dir);
        var folder = await SalientProcess.RunAsync(["--db", store, "db", "backup", dir.File("no/such/folder/b.db")], dir);
        var nostore = await SalientProcess.RunAsync(["--db", dir.File("none.db"), "db", "backup", dir.File("b.db")], dir);

        Assert.Equal(2, existing.Exit);
        Assert.Contains("already exists", existing.Stderr, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(dir.File("exists.db")));
        Assert.Equal(2, folder.Exit);
        Assert.Contains("does not exist", folder.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("no")));
        Assert.Equal(1, nostore.Exit);
        Assert.Contains("there is no store", nostore.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("none.db")));
        Assert.False(File.Exists(dir.File("b.db")));
        foreach (var r in new[] { existing, folder, nostore })
        {
            SalientProcess.NoStackTrace(r.Stderr);
        }
    }

    [Fact]
    public async Task Restore_refuses_a_store_a_running_serve_uses_changes_nothing_and_goes_ahead_once_that_process_is_killed()
    {
        using var dir = new TempDir();
        var store = dir.File("salient.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "sources", "add", "https://one.example/feed.xml"]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "db", "backup", dir.File("one.db")]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "sources", "add", "https://two.example/feed.xml"]));
        var before = await SourcesAsync(store);

        using (var serve = (await SalientProcess.StartServeAsync(store, dir)).Process)
        {
            var (exit, lines, stderr) = await SalientProcess.RunAsync(["--db", store, "db", "restore", dir.File("one.db")], dir);

            Assert.Equal(1, exit);
            Assert.Empty(lines);
            Assert.Contains($"the store '{store}' is in use by a running salient process", stderr, StringComparison.Ordinal);
            Assert.Contains("stop it", stderr, StringComparison.Ordinal);
            SalientProcess.NoStackTrace(stderr);
            Assert.Equal(before, await SourcesAsync(store));
            Assert.Empty(Directory.GetFiles(dir.Path, "salient.db.before-restore-*"));
            Assert.False(serve.HasExited);

            // Killed, not stopped: the lock file stays behind, and must not block a restore for ever.
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
        Assert.True(File.Exists(StoreLock.PathOf(store)));

        var after = await SalientProcess.RunAsync(["--db", store, "db", "restore", dir.File("one.db")], dir);

        Assert.Equal(0, after.Exit);
        Assert.Equal(["https://one.example/feed.xml"], await SourcesAsync(store));
    }

    [Fact]
    public async Task Restore_refuses_while_this_process_holds_the_store_and_a_stale_lock_file_blocks_nothing()
    {
        using var dir = new TempDir();
        var store = dir.File("salient.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "sources", "add", "https://one.example/feed.xml"]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "db", "backup", dir.File("one.db")]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "sources", "add", "https://two.example/feed.xml"]));
        var db = Database.Create(store);

        using (StoreLock.Use(db))
        using (StoreLock.Use(db))
        {
            var (exit, _, stderr) = await SalientProcess.RunAsync(["--db", store, "db", "restore", dir.File("one.db")], dir);
            Assert.Equal(1, exit);
            Assert.Contains("in use by a running salient process", stderr, StringComparison.Ordinal);
            Assert.Equal(2, (await SourcesAsync(store)).Count);
        }

        // The lock file is still there, held by no one.
        Assert.True(File.Exists(StoreLock.PathOf(store)));
        var (ok, _, _) = await SalientProcess.RunAsync(["--db", store, "db", "restore", dir.File("one.db")], dir);
        Assert.Equal(0, ok);
        Assert.Single(await SourcesAsync(store));
    }

    [Fact]
    public async Task A_long_running_command_refuses_to_start_while_a_restore_holds_the_store()
    {
        using var dir = new TempDir();
        var store = dir.File("salient.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "sources", "add", "https://one.example/feed.xml"]));

        using (StoreLock.Exclusive(Database.Create(store)))
        {
            var e = await Assert.ThrowsAsync<SalientException>(() => SalientApp.OpenAsync(store, null, CancellationToken.None, longRunning: true));
            Assert.Contains($"the store '{store}' is being restored", e.Message, StringComparison.Ordinal);
            // Short commands (sources, status, backup) do not take the lock.
            await using var shortLived = await SalientApp.OpenAsync(store, null, CancellationToken.None);
        }

        await using var app = await SalientApp.OpenAsync(store, null, CancellationToken.None, longRunning: true);
        Assert.Throws<SalientException>(() => StoreLock.Exclusive(app.Database));
    }

    [PostgresFact]
    public async Task Backup_of_a_postgresql_store_points_to_pg_dump()
    {
        await using var db = await TestDatabase.CreateAsync("postgres");
        using var dir = new TempDir();

        var (exit, _, stderr) = await SalientProcess.RunAsync(["--db", db.Target, "db", "backup", dir.File("b.db")], dir);

        Assert.Equal(1, exit);
        Assert.Contains("pg_dump", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(dir.File("b.db")));
    }

    private static async Task<List<(long Id, string? Title)>> StoriesAsync(string file)
    {
        await using var conn = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await conn.OpenAsync();
        return await Sql.QueryAsync(conn, null, $"SELECT s.id, COALESCE(s.title, a.title) AS title FROM stories s LEFT JOIN articles a ON a.id = s.representative_article_id WHERE {StoryFilter.Visible()} ORDER BY s.id",
            r => (r.Long("id")!.Value, r.Str("title")), CancellationToken.None);
    }

    private static async Task<List<string>> SourcesAsync(string file)
    {
        await using var conn = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await conn.OpenAsync();
        return await Sql.QueryAsync(conn, null, "SELECT url FROM sources ORDER BY id", r => r.GetString(0), CancellationToken.None);
    }

    private static async Task<object?> ScalarAsync(string file, string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={file};Pooling=False");
        await conn.OpenAsync();
        return await Sql.ScalarAsync(conn, null, sql, CancellationToken.None);
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={file};Pooling=False");
        await conn.OpenAsync();
        await Sql.ExecuteAsync(conn, null, sql, CancellationToken.None);
    }
}
