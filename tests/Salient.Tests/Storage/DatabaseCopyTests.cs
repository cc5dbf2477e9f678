using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

public sealed class DatabaseCopyTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Copy_keeps_every_row_and_id_and_new_rows_continue_after_the_copied_ids(string engine)
    {
        await using var from = await TestDatabase.CreateAsync("sqlite");
        await using var to = await TestDatabase.CreateAsync(engine, migrate: false);
        await SeedAsync(from.Database, sources: 3, articlesPerSource: 250);
        await using (var source = await from.Database.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(source, null, "UPDATE thread_epoch SET epoch = 7", CancellationToken.None);
        }

        var counts = await new DatabaseCopy(from.Database, to.Database).RunAsync(null, CancellationToken.None);

        Assert.Equal(3, counts.Single(c => c.Table == "sources").Rows);
        Assert.Equal(750, counts.Single(c => c.Table == "articles").Rows);
        await using var conn = await to.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(750, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE story_id IS NOT NULL", CancellationToken.None));
        var title = await Sql.ScalarAsync(conn, null, "SELECT title FROM articles WHERE id = 500", CancellationToken.None);
        Assert.Equal("Article 500 – ‘quoted’", title);
        var bytes = await Sql.QueryAsync(conn, null, "SELECT embedding FROM articles WHERE id = 7", r => r.Bytes("embedding"), CancellationToken.None);
        Assert.Equal(new byte[] { 7, 0, 255 }, bytes.Single());
        var next = await Sql.LongAsync(conn, null, "INSERT INTO sources (url, name, created_at) VALUES ('http://127.0.0.1/new', 'new', 0) RETURNING id", CancellationToken.None);
        Assert.Equal(4, next);
        // The counter every database starts with is the source's after the copy, not a second row.
        Assert.Equal(new long[] { 7 }, await Sql.QueryAsync(conn, null, "SELECT epoch FROM thread_epoch", r => r.Long("epoch")!.Value, CancellationToken.None));
    }

    [Fact]
    public async Task Copy_into_a_database_that_holds_data_is_refused_and_changes_nothing()
    {
        await using var from = await TestDatabase.CreateAsync("sqlite");
        await using var to = await TestDatabase.CreateAsync("sqlite");
        await SeedAsync(from.Database, sources: 2, articlesPerSource: 2);
        await SeedAsync(to.Database, sources: 1, articlesPerSource: 1);

        var e = await Assert.ThrowsAsync<SalientException>(() => new DatabaseCopy(from.Database, to.Database).RunAsync(null, CancellationToken.None));

        Assert.Contains("already holds data", e.Message, StringComparison.Ordinal);
        await using var conn = await to.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles", CancellationToken.None));
    }

    [Fact]
    public async Task Copy_from_a_missing_file_is_a_usage_error_that_names_it()
    {
        var exit = await Salient.Cli.SalientCli.RunAsync(["db", "copy", "--from", "/nonexistent/salient.db", "--to", "/tmp/x.db"]);
        Assert.Equal(2, exit);
    }

    private static async Task SeedAsync(Database db, int sources, int articlesPerSource)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await using var tx = await conn.BeginTransactionAsync();
        var storyId = await Sql.LongAsync(conn, tx, "INSERT INTO stories (first_seen, last_updated, article_count, title) VALUES (1, 2, 0, 'A story') RETURNING id", CancellationToken.None);
        var n = 0;
        for (var s = 1; s <= sources; s++)
        {
            var sourceId = await Sql.LongAsync(conn, tx, "INSERT INTO sources (url, name, tier, created_at) VALUES (@u, @n, 1, 0) RETURNING id", CancellationToken.None,
                ("u", $"http://127.0.0.1/feed{s}.xml"), ("n", $"Source {s}"));
            for (var a = 0; a < articlesPerSource; a++)
            {
                n++;
                var articleId = await Sql.LongAsync(conn, tx, """
                    INSERT INTO articles (source_id, url, canonical_url, title, discovered_at, published_at, stage, story_id, embedding)
                    VALUES (@s, @u, @u, @t, 0, 1700000000000, 30, @story, @e) RETURNING id
                    """, CancellationToken.None, ("s", sourceId), ("u", $"http://127.0.0.1/a/{n}"), ("t", $"Article {n} – ‘quoted’"), ("story", storyId), ("e", new byte[] { (byte)(n % 256), 0, 255 }));
                await Sql.ExecuteAsync(conn, tx, "INSERT INTO feed_items (source_id, guid, link, item_hash, article_id, first_seen, last_seen) VALUES (@s, @g, @g, 'h', @a, 0, 0)",
                    CancellationToken.None, ("s", sourceId), ("g", $"guid-{n}"), ("a", articleId));
            }
        }
        await tx.CommitAsync();
    }
}
