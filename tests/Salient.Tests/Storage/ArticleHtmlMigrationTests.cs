using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

/// <summary>Migration 0300 clears the page HTML an older version kept beside each article's text, and keeps the text.</summary>
public sealed class ArticleHtmlMigrationTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Upgrading_clears_the_stored_page_html_and_keeps_every_article_and_its_text(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var conn = await db.Database.OpenAsync(Ct))
        {
            // A store as an older version left it: migration 0300 not applied, articles with their page's HTML.
            await Sql.ExecuteAsync(conn, null, "DELETE FROM schema_migrations WHERE version >= 300", Ct);
            var source = await Sql.LongAsync(conn, null, "INSERT INTO sources (url, name, created_at) VALUES ('http://127.0.0.1/feed.xml', 'Harbour', 0) RETURNING id", Ct);
            for (var i = 0; i < 3; i++)
            {
                await Sql.ExecuteAsync(conn, null,
                    "INSERT INTO articles (source_id, url, canonical_url, title, text, html, discovered_at) VALUES (@s, @u, @u, @t, @x, @h, 1)", Ct,
                    ("s", source), ("u", $"http://127.0.0.1/a/{i}"), ("t", $"Port reopens {i}"), ("x", $"The port reopened on day {i}."),
                    ("h", i == 2 ? null : $"<div><p>The port reopened on day {i}.</p></div>"));
            }
        }

        var applied = await db.Database.MigrateAsync(Ct);

        Assert.Contains("0300_article_html_dropped", applied);
        await using var after = await db.Database.OpenAsync(Ct);
        var rows = await Sql.QueryAsync(after, null, "SELECT title, text, html FROM articles ORDER BY id", r => (r.Str("title"), r.Str("text"), r.Str("html")), Ct);
        Assert.Equal(
            [("Port reopens 0", "The port reopened on day 0.", null), ("Port reopens 1", "The port reopened on day 1.", null), ("Port reopens 2", "The port reopened on day 2.", null)],
            rows);
    }
}
