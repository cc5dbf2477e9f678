using System.Text;
using Salient.Pipeline;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Web;

public sealed class SiteStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    private static async Task AddStoryAsync(Database db, long id, double? score, DateTimeOffset at, int articles = 2, string status = "open", long? mergedInto = null,
        DateTimeOffset? lastPublished = null)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, """
            INSERT INTO stories (id, status, merged_into, first_seen, last_updated, first_published, last_published, article_count, outlet_count, outlets, score, title, summary)
            VALUES (@id, @status, @into, @t, @t, @t, @lp, @n, 1, '["Reuters"]', @score, @title, 'What happened.')
            """, CancellationToken.None, ("id", id), ("status", status), ("into", mergedInto), ("t", Clock.ToUnixMs(at)),
            ("lp", lastPublished is { } lp ? Clock.ToUnixMs(lp) : null), ("n", articles), ("score", score), ("title", $"Story {id}"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_front_page_choice_keeps_the_window_the_threshold_the_order_and_the_limit_on_both_engines(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await AddStoryAsync(db, 1, 6.0, Now.AddHours(-1), articles: 2);
        await AddStoryAsync(db, 2, 6.0, Now.AddHours(-2), articles: 5);
        await AddStoryAsync(db, 3, 8.5, Now.AddHours(-3));
        await AddStoryAsync(db, 4, 5.4, Now.AddHours(-1));
        await AddStoryAsync(db, 5, 9.9, Now.AddDays(-2));
        await AddStoryAsync(db, 6, 9.0, Now.AddHours(-1), status: "merged", mergedInto: 3);
        await AddStoryAsync(db, 7, null, Now.AddHours(-1));
        await AddStoryAsync(db, 8, 7.0, Now.AddDays(-3), lastPublished: Now.AddHours(-4));
        await AddStoryAsync(db, 9, 6.0, Now.AddHours(-5), articles: 2);
        var store = new SiteStore(db);
        var window = new StoryQuery { From = Now.AddDays(-1), To = Now.AddMinutes(1), BySignificance = true };

        var front = await store.StoriesAsync(window with { MinScore = 5.5, Limit = 100 }, CancellationToken.None);
        Assert.Equal([3L, 8, 2, 9, 1], front.Select(s => s.Id));
        var top = await store.StoriesAsync(window with { MinScore = 5.5, Limit = 2 }, CancellationToken.None);
        Assert.Equal([3L, 8], top.Select(s => s.Id));
        var all = await store.StoriesAsync(window with { MinScore = 0, Limit = 100 }, CancellationToken.None);
        Assert.Equal([3L, 8, 2, 9, 1, 4, 7], all.Select(s => s.Id));
        var newest = await store.StoriesAsync(new StoryQuery { MinScore = 5.5, Limit = 4 }, CancellationToken.None);
        Assert.Equal([1L, 2, 3, 8], newest.Select(s => s.Id));
        Assert.Equal("Story 3", front[0].Title);
        Assert.Equal(["Reuters"], front[0].Outlets);
    }

    [Fact]
    public async Task The_front_page_chooses_its_stories_from_the_index_alone_and_reads_only_those_rows()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var store = new SiteStore(test.Database);
        foreach (var bySignificance in new[] { true, false })
        {
            var (sql, args) = store.StoriesCommand(new StoryQuery { From = Now.AddDays(-1), To = Now, MinScore = 5.5, BySignificance = bySignificance, Limit = 100 })!.Value;
            await using var conn = await test.Database.OpenAsync(CancellationToken.None);
            var plan = string.Join("\n", await Sql.QueryAsync(conn, null, "EXPLAIN QUERY PLAN " + sql, r => r.GetString(3), CancellationToken.None, args));
            // By significance: each day's stories (<expr>=?: the day, then the threshold on the score) from the day index.
            var index = bySignificance ? "COVERING INDEX ix_stories_day_rank (<expr>=? AND <expr>>?)" : "COVERING INDEX ix_stories_activity_rank";
            Assert.True(plan.Contains(index, StringComparison.Ordinal), plan);
            Assert.Contains("SEARCH s USING INTEGER PRIMARY KEY", plan, StringComparison.Ordinal);
            if (bySignificance)
            {
                // Each day's stories come from the index in the page's order: only ties are sorted, not the window.
                Assert.True(plan.Contains("USE TEMP B-TREE FOR LAST TERM OF ORDER BY", StringComparison.Ordinal), plan);
            }
            Assert.DoesNotContain("SCAN s\n", plan + "\n", StringComparison.Ordinal);
        }
    }

    private static async Task AddArticleAsync(Database db, long id, string title, DateTimeOffset at, long? story, int stage = ArticleStage.Grouped, long source = 1)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        // Text and HTML of a real page's size, so that on SQLite the row's stage and story lie in its overflow pages.
        var text = string.Join(' ', Enumerable.Repeat("filler words of the page", 300));
        await Sql.ExecuteAsync(conn, null, """
            INSERT INTO articles (id, source_id, url, canonical_url, title, excerpt, published_at, discovered_at, text, html, stage, story_id)
            VALUES (@id, @src, @url, @url, @title, 'The lead.', @t, @t, @text, @text, @stage, @story)
            """, CancellationToken.None, ("id", id), ("src", source), ("url", $"https://example.org/{id}"), ("title", title), ("t", Clock.ToUnixMs(at)),
            ("text", text), ("stage", stage), ("story", story)).ConfigureAwait(false);
    }

    private static async Task AddSourceAsync(Database db, long id, string name)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, "INSERT INTO sources (id, url, name, created_at) VALUES (@id, @url, @name, @t)", CancellationToken.None,
            ("id", id), ("url", $"https://example.org/feed{id}.xml"), ("name", name), ("t", Clock.ToUnixMs(Now)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Article_search_keeps_the_stage_the_order_the_limit_the_outlet_the_story_and_its_score_on_both_engines(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await AddSourceAsync(db, 1, "Reuters");
        await AddSourceAsync(db, 2, "Le Monde");
        await AddStoryAsync(db, 10, 7.5, Now.AddHours(-1));
        await AddArticleAsync(db, 1, "Vaccine trial ends", Now.AddHours(-3), story: 10);
        await AddArticleAsync(db, 2, "Vaccine approved", Now.AddHours(-1), story: 10, source: 2);
        await AddArticleAsync(db, 3, "Vaccine doses shipped", Now.AddHours(-1), story: null, stage: ArticleStage.Extracted);
        await AddArticleAsync(db, 4, "Vaccine page refused", Now.AddHours(-1), story: null, stage: ArticleStage.Extracted - 1);
        await AddArticleAsync(db, 5, "Harvest is late", Now.AddHours(-2), story: 10);
        await AddArticleAsync(db, 6, "Vaccine rumours from last week", Now.AddDays(-7), story: null);
        var store = new SiteStore(db);
        var ct = CancellationToken.None;

        var found = await store.ArticlesAsync("vaccine", null, null, null, null, null, 50, ct);
        Assert.Equal([3L, 2, 1, 6], found.Select(a => a.Id));
        Assert.Equal([null, 10L, 10L, null], found.Select(a => a.StoryId));
        Assert.Equal([null, 7.5, 7.5, null], found.Select(a => a.StoryScore));
        Assert.Equal(["Reuters", "Le Monde", "Reuters", "Reuters"], found.Select(a => a.Outlet));
        Assert.Equal(Now.AddHours(-1), found[0].At);
        Assert.Equal("Vaccine approved", found[1].Title);
        Assert.Equal([3L, 2], (await store.ArticlesAsync("vaccine", null, null, null, null, null, 2, ct)).Select(a => a.Id));
        Assert.Equal([2L], (await store.ArticlesAsync("vaccine", "le monde", null, null, null, null, 50, ct)).Select(a => a.Id));
        Assert.Equal([2L, 1], (await store.ArticlesAsync("vaccine", null, null, null, null, 10, 50, ct)).Select(a => a.Id));
        Assert.Equal([3L, 2, 1], (await store.ArticlesAsync("vaccine", null, Now.AddDays(-1), Now, null, null, 50, ct)).Select(a => a.Id));
        Assert.Empty(await store.ArticlesAsync("\"*\"", null, null, null, null, null, 50, ct));
        Assert.Empty(await store.ArticlesAsync("vaccine", "nobody", null, null, null, null, 50, ct));
        Assert.Equal([3L, 2, 5, 1, 6], (await store.ArticlesAsync(null, null, null, null, null, null, 50, ct)).Select(a => a.Id));

        // A story is found by its own words and by its articles' words.
        var stories = await store.StoriesAsync(new StoryQuery { Text = "harvest", BySignificance = true, Limit = 50 }, ct);
        Assert.Equal([10L], stories.Select(s => s.Id));
    }

    [Fact]
    public async Task Search_and_the_day_rank_choose_articles_from_indexes_without_reading_their_rows()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Database;
        var store = new SiteStore(db);
        await using var conn = await db.OpenAsync(CancellationToken.None);
        async Task<string> PlanAsync(string sql, (string, object?)[] args) =>
            string.Join("\n", await Sql.QueryAsync(conn, null, "EXPLAIN QUERY PLAN " + sql, r => r.GetString(3), CancellationToken.None, args)) + "\n";

        var articles = store.ArticlesCommand("vaccine", null, Now.AddDays(-1), Now, null, null, 50)!.Value;
        var plan = await PlanAsync(articles.Sql, articles.Args);
        Assert.True(plan.Contains("SEARCH a USING COVERING INDEX ix_articles_site (id=?", StringComparison.Ordinal), plan);
        Assert.DoesNotContain("SCAN a\n", plan, StringComparison.Ordinal);

        var stories = store.StoriesCommand(new StoryQuery { Text = "vaccine", BySignificance = true, Limit = 50 })!.Value;
        plan = await PlanAsync(stories.Sql, stories.Args);
        Assert.True(plan.Contains("SEARCH a USING COVERING INDEX ix_articles_site (id=?", StringComparison.Ordinal), plan);
        Assert.DoesNotContain("SEARCH a USING INTEGER PRIMARY KEY", plan, StringComparison.Ordinal);

        var day = Clock.ToUnixMs(Now.Date);
        plan = await PlanAsync(StoryStore.DayDistributionSql, [("from", day), ("to", day + 86_400_000L)]);
        Assert.True(plan.Contains("SEARCH a USING COVERING INDEX ix_articles_at_story", StringComparison.Ordinal), plan);
    }

    [Fact]
    public void A_page_encoded_from_its_builder_is_the_same_as_the_page_encoded_whole()
    {
        // Long enough to span many builder chunks, with four-byte characters that a chunk boundary can split in two.
        var body = new HtmlBuilder();
        for (var i = 0; i < 6000; i++)
        {
            body.Append($"<p>Storm 🌀 über Köln – {i} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢</p>");
        }
        var expected = Encoding.UTF8.GetBytes(SiteLayout.Document("Wetter & “news”", body.ToHtml(), script: true, current: "/"));
        Assert.Equal(expected, SiteLayout.Utf8Document("Wetter & “news”", body, script: true, current: "/").ToArray());
        var emoji = new HtmlBuilder(16).Append(Html.Raw(new string('a', 7999))).Append($"🌀🌀🌀");
        Assert.Equal(Encoding.UTF8.GetBytes(SiteLayout.Document("t", emoji.ToHtml())), SiteLayout.Utf8Document("t", emoji).ToArray());
    }
}
