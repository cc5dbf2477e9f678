using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

/// <summary>
/// A story's language is a column kept by the store whenever an article joins or leaves a story, changes its language,
/// is added or deleted (migration 0210); it must always be what counting the story's articles gives.
/// </summary>
public sealed class StoryLanguageTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>What the site used to work out on every read: the language of most of the story's articles, the alphabetically first on a tie.</summary>
    private const string Counted =
        "(SELECT la.language FROM articles la WHERE la.story_id = s.id AND la.language IS NOT NULL GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1)";

    private static async Task StoryAsync(Database db, long id)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, """
            INSERT INTO stories (id, status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, outlets, score, title, summary)
            VALUES (@id, 'open', @t, @t, @t, @t, 1, 1, '["Reuters"]', 7.0, @title, 'What happened.')
            """, CancellationToken.None, ("id", id), ("t", Clock.ToUnixMs(Now.AddMinutes(-id))), ("title", $"Story {id}"));
    }

    private static async Task ArticleAsync(Database db, long id, long? story, string? language)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, """
            INSERT INTO articles (id, url, canonical_url, title, published_at, discovered_at, stage, story_id, language)
            VALUES (@id, @url, @url, @title, @t, @t, 4, @story, @language)
            """, CancellationToken.None, ("id", id), ("url", $"https://example.org/{id}"), ("title", $"Article {id}"), ("t", Clock.ToUnixMs(Now)),
            ("story", story), ("language", language));
    }

    private static async Task ExecuteAsync(Database db, string sql, params (string, object?)[] args)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, sql, CancellationToken.None, args);
    }

    private static async Task<Dictionary<long, (string? Kept, string? Counted)>> LanguagesAsync(Database db)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        var rows = await Sql.QueryAsync(conn, null, $"SELECT s.id, s.language AS kept, {Counted} AS counted FROM stories s ORDER BY s.id",
            r => (Id: r.Long("id")!.Value, Kept: r.Str("kept"), Counted: r.Str("counted")), CancellationToken.None);
        return rows.ToDictionary(r => r.Id, r => (r.Kept, r.Counted));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_takes_the_language_of_most_of_its_articles_and_follows_them_as_they_join_move_change_and_go_on_both_engines(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        foreach (var id in new long[] { 1, 2, 3 })
        {
            await StoryAsync(db, id);
        }
        await ArticleAsync(db, 10, 1, "de");
        await ArticleAsync(db, 11, 1, "de");
        await ArticleAsync(db, 12, 1, "en");
        await ArticleAsync(db, 20, 2, "fr");
        await ArticleAsync(db, 21, 2, "en");
        await ArticleAsync(db, 30, 3, null);
        await ArticleAsync(db, 40, null, "it");

        var start = await LanguagesAsync(db);
        Assert.Equal("de", start[1].Kept);
        Assert.Equal("en", start[2].Kept);
        Assert.Null(start[3].Kept);

        // An article that joins a story (the grouping stage sets its story).
        await ExecuteAsync(db, "UPDATE articles SET story_id = 3, stage = 4 WHERE id = 40");
        Assert.Equal("it", (await LanguagesAsync(db))[3].Kept);

        // An article that moves from one story to another changes both.
        await ExecuteAsync(db, "UPDATE articles SET story_id = 2 WHERE id = 11");
        var moved = await LanguagesAsync(db);
        Assert.Equal("de", moved[1].Kept);
        Assert.Equal("de", moved[2].Kept);

        // An article whose language is told again.
        await ExecuteAsync(db, "UPDATE articles SET language = 'en' WHERE id = 10");
        Assert.Equal("en", (await LanguagesAsync(db))[1].Kept);

        // A merge moves every article of one story into another: the story left has none.
        await ExecuteAsync(db, "UPDATE articles SET story_id = @keep WHERE story_id = @gone", ("keep", 2L), ("gone", 1L));
        var merged = await LanguagesAsync(db);
        Assert.Null(merged[1].Kept);
        Assert.Equal("en", merged[2].Kept);

        // Deleted articles.
        await ExecuteAsync(db, "DELETE FROM articles WHERE id IN (10, 12, 21)");
        Assert.Equal("de", (await LanguagesAsync(db))[2].Kept);

        // Updates that change neither the story nor the language leave it alone, and every story agrees with counting.
        await ExecuteAsync(db, "UPDATE articles SET story_id = story_id, language = language, stage = 5");
        Assert.All(await LanguagesAsync(db), kv => Assert.Equal(kv.Value.Counted, kv.Value.Kept));

        // An article that joins without changing the story's language does not write the story (its card stays as read).
        var version = await CardVersionAsync(db, 2);
        await ArticleAsync(db, 60, 2, "de");
        Assert.Equal("de", (await LanguagesAsync(db))[2].Kept);
        Assert.Equal(version, await CardVersionAsync(db, 2));
        await ArticleAsync(db, 61, 2, "fr");
        await ArticleAsync(db, 62, 2, "fr");
        Assert.Equal("fr", (await LanguagesAsync(db))[2].Kept);
        Assert.True(await CardVersionAsync(db, 2) > version);
    }

    private static async Task<long> CardVersionAsync(Database db, long story)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        return await Sql.LongAsync(conn, null, "SELECT card_version FROM stories WHERE id = @id", CancellationToken.None, ("id", story));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Over_many_random_joins_moves_and_relabels_the_kept_language_always_equals_counting_the_articles_on_both_engines(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        var random = new Random(2026);
        string?[] languages = ["en", "de", "fr", null];
        for (long s = 1; s <= 8; s++)
        {
            await StoryAsync(db, s);
        }
        for (long a = 1; a <= 40; a++)
        {
            await ArticleAsync(db, a, random.Next(3) == 0 ? null : random.Next(1, 9), languages[random.Next(languages.Length)]);
        }
        for (var step = 0; step < 60; step++)
        {
            var article = random.Next(1, 41);
            switch (random.Next(4))
            {
                case 0:
                    await ExecuteAsync(db, "UPDATE articles SET story_id = @s WHERE id = @a", ("s", random.Next(4) == 0 ? null : (object)(long)random.Next(1, 9)), ("a", (long)article));
                    break;
                case 1:
                    await ExecuteAsync(db, "UPDATE articles SET language = @l WHERE id = @a", ("l", languages[random.Next(languages.Length)]), ("a", (long)article));
                    break;
                case 2:
                    await ExecuteAsync(db, "UPDATE articles SET story_id = @keep WHERE story_id = @gone", ("keep", (long)random.Next(1, 9)), ("gone", (long)random.Next(1, 9)));
                    break;
                default:
                    await ExecuteAsync(db, "DELETE FROM articles WHERE id = @a", ("a", (long)article));
                    await ArticleAsync(db, article, random.Next(1, 9), languages[random.Next(languages.Length)]);
                    break;
            }
            Assert.All(await LanguagesAsync(db), kv => Assert.Equal(kv.Value.Counted, kv.Value.Kept));
        }
        Assert.Contains((await LanguagesAsync(db)).Values, v => v.Kept is not null);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_site_reads_and_filters_stories_by_the_kept_language_on_both_engines(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1);
        await StoryAsync(db, 2);
        await ArticleAsync(db, 10, 1, "de");
        await ArticleAsync(db, 20, 2, "en");
        var store = new SiteStore(db);

        var german = await store.StoriesAsync(new StoryQuery { Language = "de", Limit = 10 }, CancellationToken.None);
        var all = await store.StoriesAsync(new StoryQuery { Limit = 10 }, CancellationToken.None);

        Assert.Equal([1L], german.Select(s => s.Id));
        Assert.Equal(["de", "en"], all.OrderBy(s => s.Id).Select(s => s.Language));
        Assert.Equal("de", (await store.StoryAsync(1, CancellationToken.None))!.Card.Language);
    }
}
