using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Writing;

namespace Salient.Tests.Writing;

/// <summary>The writing stage against the stories table, with stories and articles the tests insert themselves.</summary>
public sealed class WritingStageTests
{
    private static WritingStage Stage(Database db) =>
        new(new StoryStore(db, TimeProvider.System), new StoryWriter(WritingFixtures.Extractive()), new WritingOptions(), TimeProvider.System, NullLogger<WritingStage>.Instance);

    private static async Task SeedAsync(Database db)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null,
            "INSERT INTO sources (id, url, name, tier, created_at) VALUES (1, 'https://wire.example/feed', 'Wire', 1, 0), (2, 'https://herald.example/feed', 'Coastal Herald', 2, 0), (3, 'https://viral.example/feed', 'Viral Daily', 3, 0)",
            CancellationToken.None);
        var storm = WritingFixtures.Storm();
        // Articles 1-3 are the storm story from three outlets; article 4 belongs to a story merged into another.
        await AddArticleAsync(conn, 1, 3, storm[0], story: 1);
        await AddArticleAsync(conn, 2, 1, storm[1], story: 1);
        await AddArticleAsync(conn, 3, 2, storm[2], story: 1);
        await AddArticleAsync(conn, 4, 1, storm[1] with { Title = "Cyclone update" }, story: 2);
        await Sql.ExecuteAsync(conn, null,
            "INSERT INTO stories (id, status, first_seen, last_updated, article_count, outlet_count, representative_article_id, version) VALUES " +
            "(1, 'open', 0, 0, 3, 3, 2, 4), (2, 'merged', 0, 0, 1, 1, 4, 2)", CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET merged_into = 1 WHERE id = 2", CancellationToken.None);
    }

    private static Task AddArticleAsync(System.Data.Common.DbConnection conn, long id, long source, SourceArticle a, long story) =>
        AddArticleAsync(conn, id, source, a, story, at: 1_700_000_000_000 + id);

    private sealed record Row(string? Title, string? Summary, string? Sources, long? WrittenVersion, long Version);

    private static async Task<Row> StoryAsync(Database db, long id)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        var rows = await Sql.QueryAsync(conn, null, "SELECT title, summary, summary_sources, written_version, version FROM stories WHERE id = @id",
            r => new Row(r.Str("title"), r.Str("summary"), r.Str("summary_sources"), r.Long("written_version"), r.Long("version")!.Value), CancellationToken.None, ("id", id));
        return rows.Single();
    }

    private static async Task ChangeAsync(Database db, string set)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, $"UPDATE stories SET {set}, version = version + 1 WHERE id = 1", CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_new_story_gets_a_title_and_a_summary_whose_sentences_name_their_articles(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        await SeedAsync(test.Database);
        var stage = Stage(test.Database);

        Assert.Equal(1, await stage.CountPendingAsync(CancellationToken.None));
        Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));
        Assert.Equal(0, await stage.CountPendingAsync(CancellationToken.None));
        Assert.Equal(0, await stage.RunBatchAsync(CancellationToken.None));

        var story = await StoryAsync(test.Database, 1);
        Assert.Equal("Cyclone kills 12 in Bangladesh, thousands evacuated", story.Title);
        Assert.False(string.IsNullOrWhiteSpace(story.Summary));
        Assert.Equal(4, story.WrittenVersion);
        using var sources = JsonDocument.Parse(story.Sources!);
        var sentences = sources.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(sentences);
        Assert.All(sentences, s => Assert.Contains(s.GetProperty("article_id").GetInt64(), new long[] { 1, 2, 3 }));
        Assert.Equal(story.Summary, string.Join(" ", sentences.Select(s => s.GetProperty("text").GetString())));

        var merged = await StoryAsync(test.Database, 2);
        Assert.Null(merged.Title);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Another_article_from_outlets_already_covering_the_story_leaves_its_text_alone(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        await SeedAsync(test.Database);
        var stage = Stage(test.Database);
        await stage.RunBatchAsync(CancellationToken.None);
        await using (var conn = await test.Database.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET title = 'kept title' WHERE id = 1", CancellationToken.None);
        }

        await ChangeAsync(test.Database, "article_count = 4");
        Assert.Equal(1, await stage.CountPendingAsync(CancellationToken.None));
        Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));
        Assert.Equal(0, await stage.CountPendingAsync(CancellationToken.None));
        var story = await StoryAsync(test.Database, 1);
        Assert.Equal("kept title", story.Title);
        Assert.Equal(4, story.WrittenVersion);
        Assert.Equal(5, story.Version);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_new_outlet_a_changed_lead_article_or_half_again_as_many_articles_rewrites_the_story(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        await SeedAsync(test.Database);
        var stage = Stage(test.Database);
        await stage.RunBatchAsync(CancellationToken.None);

        foreach (var change in new[] { "outlet_count = 4", "representative_article_id = 3", "article_count = 6" })
        {
            await using (var conn = await test.Database.OpenAsync(CancellationToken.None))
            {
                await Sql.ExecuteAsync(conn, null, "UPDATE stories SET title = 'stale' WHERE id = 1", CancellationToken.None);
            }
            await ChangeAsync(test.Database, change);
            Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));
            var story = await StoryAsync(test.Database, 1);
            Assert.NotEqual("stale", story.Title);
            Assert.Equal(story.Version, story.WrittenVersion);
        }
    }

    [Theory]
    [InlineData(3, 3, 2L, 3, 3, 2L, false)]
    [InlineData(4, 3, 2L, 3, 3, 2L, false)]
    [InlineData(5, 3, 2L, 3, 3, 2L, true)]
    [InlineData(4, 4, 2L, 3, 3, 2L, true)]
    [InlineData(40, 21, 2L, 39, 20, 2L, false)]
    [InlineData(40, 25, 2L, 39, 20, 2L, true)]
    [InlineData(4, 3, 7L, 3, 3, 2L, true)]
    public void Material_change_means_a_new_outlet_half_again_as_many_articles_or_a_new_lead_article(
        int articles, int outlets, long rep, int writtenArticles, int writtenOutlets, long writtenRep, bool material)
    {
        var state = new StoryStore.StoryState(1, 2, articles, outlets, rep, 1, writtenArticles, writtenOutlets, writtenRep, HasTitle: true);
        Assert.Equal(material, WritingStage.IsMaterialChange(state));
    }

    [Theory]
    [InlineData(40, 39, 7.0, true)]
    [InlineData(40, 39, 5.9, false)]
    [InlineData(39, 39, 48.0, false)]
    [InlineData(40, null, 48.0, false)]
    public void A_story_that_gained_articles_is_due_again_once_the_rewrite_interval_has_passed(int articles, int? writtenArticles, double hoursSince, bool due)
    {
        var writtenAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var state = new StoryStore.StoryState(1, 2, articles, 20, 2, 1, writtenArticles, writtenArticles is null ? null : 20, 2, HasTitle: true,
            WrittenAt: writtenArticles is null ? null : writtenAt);
        Assert.Equal(due, WritingStage.IsDue(state, writtenAt.AddHours(hoursSince), TimeSpan.FromHours(6)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_that_grows_slowly_is_rewritten_from_its_new_report_once_the_interval_has_passed_and_not_before(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var at = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "INSERT INTO sources (id, url, name, tier, created_at) VALUES (1, 'https://wire.example/feed', 'Wire', 1, 0)", CancellationToken.None);
            for (var i = 1; i <= 10; i++)
            {
                await AddArticleAsync(conn, i, 1, new SourceArticle($"Floods hit Millbrook as Ash river bursts its banks ({i})",
                    $"Four people were killed when the Ash river burst its banks in Millbrook on Monday, officials said in update {i}. " +
                    "Rescue teams moved hundreds of residents to the town's school."), story: 1, at: at + i * 60_000);
            }
            await Sql.ExecuteAsync(conn, null,
                "INSERT INTO stories (id, status, first_seen, last_updated, article_count, outlet_count, representative_article_id, version) VALUES (1, 'open', 0, 0, 10, 1, 1, 1)",
                CancellationToken.None);
        }
        var stage = new WritingStage(new StoryStore(db, clock), new StoryWriter(WritingFixtures.Extractive()), new WritingOptions(), clock, NullLogger<WritingStage>.Instance);
        Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));
        Assert.Contains("Four people", (await StoryAsync(db, 1)).Summary, StringComparison.Ordinal);

        // Later reports from the same outlet: no new outlet, not half again as many articles (12 of 10), the same lead article.
        async Task AddLaterReportAsync(int id)
        {
            await using var conn = await db.OpenAsync(CancellationToken.None);
            await AddArticleAsync(conn, id, 1, new SourceArticle("Millbrook flood toll rises as the Ash river recedes",
                "Seven people were killed in the Millbrook floods, officials said on Wednesday in their briefing. " +
                "Residents began returning to their homes as the water went down."), story: 1, at: clock.GetUtcNow().ToUnixTimeMilliseconds());
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET article_count = article_count + 1, version = version + 1 WHERE id = 1", CancellationToken.None);
        }
        clock.Advance(TimeSpan.FromHours(2));
        await AddLaterReportAsync(11);
        Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));
        Assert.Contains("Four people", (await StoryAsync(db, 1)).Summary, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromHours(5));
        await AddLaterReportAsync(12);
        Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));
        var story = await StoryAsync(db, 1);
        Assert.Contains("Seven people were killed", story.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Four people", story.Summary, StringComparison.Ordinal);
        Assert.Equal(story.Version, story.WrittenVersion);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_stored_page_that_is_only_a_most_read_list_is_summarised_by_its_feed_description(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        await using (var conn = await test.Database.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "INSERT INTO sources (id, url, name, tier, created_at) VALUES (1, 'https://post.example/feed', 'Yorkshire Post', 2, 0)", CancellationToken.None);
            await Sql.ExecuteAsync(conn, null,
                "INSERT INTO articles (id, source_id, url, canonical_url, title, text, feed_summary, published_at, discovered_at, stage, story_id) " +
                "VALUES (1, 1, 'https://post.example/1', 'https://post.example/1', @title, @text, @summary, 1700000000000, 1700000000000, 30, 1)",
                CancellationToken.None,
                ("title", "Leeds council approves budget for central library"),
                ("text", "Most read. 1. Celebrity chef opens a restaurant in Paris. 2. Footballer signs a record contract with a Madrid club. 3. Ten recipes for a quick weeknight dinner."),
                ("summary", "Leeds councillors voted on Wednesday to pay for a central library, which is to open in 2026."));
            await Sql.ExecuteAsync(conn, null,
                "INSERT INTO stories (id, status, first_seen, last_updated, article_count, outlet_count, representative_article_id, version) VALUES (1, 'open', 0, 0, 1, 1, 1, 1)",
                CancellationToken.None);
        }

        Assert.Equal(1, await Stage(test.Database).RunBatchAsync(CancellationToken.None));

        var story = await StoryAsync(test.Database, 1);
        Assert.Equal("Leeds council approves budget for central library", story.Title);
        Assert.Equal("Leeds councillors voted on Wednesday to pay for a central library, which is to open in 2026.", story.Summary);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_that_goes_on_for_days_is_written_from_what_its_newest_articles_say(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        var day = 1_700_000_000_000L;
        const long Hour = 3_600_000;
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null,
                "INSERT INTO sources (id, url, name, tier, created_at) VALUES (1, 'https://wire.example/feed', 'Wire', 1, 0), (3, 'https://viral.example/feed', 'Viral Daily', 3, 0)",
                CancellationToken.None);
            // Sixty first reports from the best tier on the first day, then three later reports from a lower tier two days on:
            // the toll has risen. Ordered by tier and time, the later reports come after the first reports' 48.
            for (var i = 1; i <= 60; i++)
            {
                await AddArticleAsync(conn, i, 1, new SourceArticle($"Floods hit Millbrook as Ash river bursts its banks ({i})",
                    $"Four people were killed when the Ash river burst its banks in Millbrook on Monday, officials said in update {i}. " +
                    "Rescue teams moved hundreds of residents to the town's school."), story: 1, at: day + i * 60_000);
            }
            for (var i = 61; i <= 63; i++)
            {
                await AddArticleAsync(conn, i, 3, new SourceArticle($"Millbrook flood toll rises as the Ash river recedes ({i})",
                    $"Seven people were killed in the Millbrook floods, officials said on Wednesday in their briefing {i}. " +
                    "Residents began returning to their homes as the water went down."), story: 1, at: day + 50 * Hour + i * 60_000);
            }
            await Sql.ExecuteAsync(conn, null,
                "INSERT INTO stories (id, status, first_seen, last_updated, article_count, outlet_count, representative_article_id, version) VALUES (1, 'open', 0, 0, 63, 2, 1, 1)",
                CancellationToken.None);
        }

        var articles = await new StoryStore(db, TimeProvider.System).ArticlesToWriteAsync(1, 48, CancellationToken.None);
        Assert.Equal(48, articles.Count);
        Assert.Contains(articles, a => a.Id == 63);
        Assert.Contains(articles, a => a.Id == 1);

        Assert.Equal(1, await Stage(db).RunBatchAsync(CancellationToken.None));
        var story = await StoryAsync(db, 1);
        Assert.Contains("Seven people were killed", story.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Four people", story.Summary, StringComparison.Ordinal);
    }

    private static Task AddArticleAsync(System.Data.Common.DbConnection conn, long id, long source, SourceArticle a, long story, long at) =>
        Sql.ExecuteAsync(conn, null,
            "INSERT INTO articles (id, source_id, url, canonical_url, title, text, published_at, discovered_at, stage, story_id) VALUES (@id, @src, @url, @url, @title, @text, @t, @t, 30, @story)",
            CancellationToken.None, ("id", id), ("src", source), ("url", $"https://example.org/{id}"), ("title", a.Title), ("text", a.Text), ("t", at), ("story", story));
}
