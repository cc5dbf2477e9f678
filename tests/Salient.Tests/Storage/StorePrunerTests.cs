using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

/// <summary>
/// <c>salient db prune</c>: old closed stories that stayed below the bar go with their articles, on both engines; what a
/// thread, a follow, a digest or feedback points at stays, and so does every score history.
/// </summary>
public sealed class StorePrunerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cutoff = Now.AddDays(-40);
    private static readonly long Old = Clock.ToUnixMs(Now.AddDays(-60));
    private static readonly long Recent = Clock.ToUnixMs(Now.AddDays(-10));

    private static async Task<long> SourceAsync(DbConnection conn) =>
        await Sql.LongAsync(conn, null, "INSERT INTO sources (url, name, created_at) VALUES ('https://news.example/feed.xml', 'News', 0) RETURNING id", Ct);

    private static async Task<long> StoryAsync(DbConnection conn, string title, double? score, long at, string status = "closed", long? mergedInto = null, long? thread = null) =>
        await Sql.LongAsync(conn, null,
            "INSERT INTO stories (status, merged_into, first_seen, last_updated, last_published, title, score, thread_id) VALUES (@st, @m, @at, @at, @at, @t, @sc, @th) RETURNING id",
            Ct, ("st", status), ("m", mergedInto), ("at", at), ("t", title), ("sc", score), ("th", thread));

    private static async Task<long> ArticleAsync(DbConnection conn, long source, long story, string title, long at) =>
        await Sql.LongAsync(conn, null,
            "INSERT INTO articles (source_id, url, canonical_url, title, text, discovered_at, published_at, stage, story_id) VALUES (@src, @u, @u, @t, 'Text of the article.', @at, @at, 30, @s) RETURNING id",
            Ct, ("src", source), ("u", $"https://news.example/{Guid.NewGuid():N}"), ("t", title), ("at", at), ("s", story));

    private static Task ScoreAsync(DbConnection conn, long story, double score, long at) =>
        Sql.ExecuteAsync(conn, null, "INSERT INTO story_scores (story_id, scored_at, score, article_count, outlet_count) VALUES (@s, @at, @sc, 1, 1)", Ct, ("s", story), ("at", at), ("sc", score));

    /// <summary>A SQLite store at <paramref name="path"/>, migrated as the command will find it.</summary>
    private static async Task<Database> StoreAsync(string path)
    {
        var db = Database.Create(path);
        await db.MigrateAsync(Ct);
        return db;
    }

    private static async Task<HashSet<long>> IdsAsync(DbConnection conn, string sql) =>
        [.. await Sql.QueryAsync(conn, null, sql, r => r.GetInt64(0), Ct)];

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Old_closed_stories_below_the_bar_go_with_their_articles_and_what_anything_points_at_stays(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var conn = await db.Database.OpenAsync(Ct);
        var source = await SourceAsync(conn);

        var low = await StoryAsync(conn, "Council renames a park", 3.1, Old);
        var lowArticles = new[] { await ArticleAsync(conn, source, low, "Council renames a park", Old), await ArticleAsync(conn, source, low, "Park gets a new name", Old) };
        var redirect = await StoryAsync(conn, "Park renamed", null, Old, status: "merged", mergedInto: low);
        var unscored = await StoryAsync(conn, "Local fair opens", null, Old);
        var unscoredArticle = await ArticleAsync(conn, source, unscored, "Local fair opens", Old);
        await Sql.ExecuteAsync(conn, null, "INSERT INTO feed_items (source_id, guid, link, item_hash, article_id, first_seen, last_seen) VALUES (@s, 'g1', 'https://news.example/a', 'h', @a, @at, @at)",
            Ct, ("s", source), ("a", lowArticles[0]), ("at", Old));
        await ScoreAsync(conn, low, 3.4, Old);
        await ScoreAsync(conn, low, 3.1, Old + 3_600_000);

        var high = await StoryAsync(conn, "Parliament passes the budget", 7.2, Old);
        var highArticle = await ArticleAsync(conn, source, high, "Parliament passes the budget", Old);
        var open = await StoryAsync(conn, "Strike goes on", 2.0, Old, status: "open");
        var young = await StoryAsync(conn, "Bridge repairs start", 2.0, Recent);
        var followed = await StoryAsync(conn, "Dam inspection", 2.0, Old);
        await Sql.ExecuteAsync(conn, null, "INSERT INTO story_follows (story_id, email, status, created_at) VALUES (@s, 'reader@example.test', 'active', 0)", Ct, ("s", followed));
        var threaded = await StoryAsync(conn, "Talks resume", 2.0, Old);
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET thread_id = @t WHERE id = @t", Ct, ("t", threaded));
        var threadedLater = await StoryAsync(conn, "Talks stall", 2.0, Old, thread: threaded);
        var digested = await StoryAsync(conn, "Port reopens", 5.0, Old);
        var subscriber = await Sql.LongAsync(conn, null, "INSERT INTO subscribers (email, threshold, status, created_at) VALUES ('low@example.test', 4.5, 'active', 0) RETURNING id", Ct);
        var issue = await Sql.LongAsync(conn, null, "INSERT INTO digest_issues (cadence, created_at, subject, story_ids, content_key, html, text) VALUES ('weekly', 0, 'Digest', '[]', 'k', '<p></p>', '') RETURNING id", Ct);
        var delivery = await Sql.LongAsync(conn, null, "INSERT INTO digest_deliveries (subscriber_id, issue_id, message_id, status, created_at) VALUES (@s, @i, 'm1', 'sent', 0) RETURNING id", Ct, ("s", subscriber), ("i", issue));
        await Sql.ExecuteAsync(conn, null, "INSERT INTO digest_items (subscriber_id, story_id, delivery_id) VALUES (@s, @st, @d)", Ct, ("s", subscriber), ("st", digested), ("d", delivery));
        var judged = await StoryAsync(conn, "Zoo buys a panda", 1.5, Old);
        await Sql.ExecuteAsync(conn, null, "INSERT INTO story_feedback (story_id, client, verdict, shown_score, title, created_at) VALUES (@s, 'c1', 'higher', 1.5, 'Zoo buys a panda', 0)", Ct, ("s", judged));
        // A story merged into an old low one, but followed: its target stays so the follower's link still leads somewhere.
        var target = await StoryAsync(conn, "Ferry timetable changes", 2.0, Old);
        var followedRedirect = await StoryAsync(conn, "Ferry times", null, Old, status: "merged", mergedInto: target);
        await Sql.ExecuteAsync(conn, null, "INSERT INTO story_follows (story_id, email, status, created_at) VALUES (@s, 'ferry@example.test', 'active', 0)", Ct, ("s", followedRedirect));

        // Listed in an issue of the digest archive whose subscribers are gone: the archive still links to it, or to the
        // story it was merged into.
        var listed = await StoryAsync(conn, "Library hours extended", 3.0, Old);
        var listedTarget = await StoryAsync(conn, "Tram line delayed", 3.0, Old);
        var listedRedirect = await StoryAsync(conn, "Tram delay", null, Old, status: "merged", mergedInto: listedTarget);
        await Sql.ExecuteAsync(conn, null, "INSERT INTO digest_issues (cadence, created_at, subject, story_ids, content_key, html, text) VALUES ('daily', 0, 'Old digest', @ids, 'k2', '<p></p>', '')",
            Ct, ("ids", $"[{listed},{listedRedirect}]"));

        var dry = await StorePruner.PruneAsync(db.Database, Cutoff, 5.5, dryRun: true, Ct);
        Assert.Equal(new PruneResult(Stories: 2, Merged: 1, Articles: 3, Kept: 8), dry);
        Assert.Contains(low, await IdsAsync(conn, "SELECT id FROM stories"));

        var done = await StorePruner.PruneAsync(db.Database, Cutoff, 5.5, dryRun: false, Ct);

        Assert.Equal(dry, done);
        var stories = await IdsAsync(conn, "SELECT id FROM stories");
        Assert.DoesNotContain(low, stories);
        Assert.DoesNotContain(redirect, stories);
        Assert.DoesNotContain(unscored, stories);
        Assert.Equal(new HashSet<long> { high, open, young, followed, threaded, threadedLater, digested, judged, target, followedRedirect, listed, listedTarget, listedRedirect }, stories);
        Assert.Equal(new HashSet<long> { highArticle }, await IdsAsync(conn, "SELECT id FROM articles"));
        Assert.DoesNotContain(unscoredArticle, await IdsAsync(conn, "SELECT id FROM articles"));
        // The feed item stays known, so the feed does not bring the article back; only its link to the article goes.
        Assert.Equal(1L, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM feed_items WHERE guid = 'g1' AND article_id IS NULL", Ct));
        // The calibration record keeps every first impression.
        Assert.Equal(2L, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM story_scores WHERE story_id = @s", Ct, ("s", low)));

        // A second run finds nothing more.
        Assert.Equal(new PruneResult(0, 0, 0, 8), await StorePruner.PruneAsync(db.Database, Cutoff, 5.5, dryRun: false, Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_followed_after_the_list_was_made_stays_with_its_follow(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var conn = await db.Database.OpenAsync(Ct);
        var source = await SourceAsync(conn);
        var late = await StoryAsync(conn, "Council renames a park", 2.0, Old);
        await ArticleAsync(conn, source, late, "Council renames a park", Old);
        var other = await StoryAsync(conn, "Local fair opens", 2.0, Old);

        var result = await StorePruner.PruneAsync(db.Database, Cutoff, 5.5, dryRun: false, Ct, listed: () =>
            Sql.ExecuteAsync(conn, null, "INSERT INTO story_follows (story_id, email, status, created_at) VALUES (@s, 'late@example.test', 'active', 0)", Ct, ("s", late)));

        Assert.Equal(new PruneResult(Stories: 1, Merged: 0, Articles: 0, Kept: 1), result);
        Assert.Equal(new HashSet<long> { late }, await IdsAsync(conn, "SELECT id FROM stories"));
        Assert.DoesNotContain(other, await IdsAsync(conn, "SELECT id FROM stories"));
        Assert.Equal(1L, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM story_follows WHERE story_id = @s", Ct, ("s", late)));
        Assert.Equal(1L, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE story_id = @s", Ct, ("s", late)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task More_stories_than_one_chunk_all_go_and_the_site_search_no_longer_finds_them(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var conn = await db.Database.OpenAsync(Ct))
        {
            var source = await SourceAsync(conn);
            for (var i = 0; i < 1_203; i++)
            {
                var s = await StoryAsync(conn, $"Quokka census number {i}", 1.0, Old);
                await ArticleAsync(conn, source, s, $"Quokka census number {i}", Old);
            }
        }
        var site = new SiteStore(db.Database);
        var query = new StoryQuery { Text = "quokka" };
        Assert.Equal(100, await site.CountStoriesAsync(query, 100, Ct));
        Assert.Equal(100, await site.CountArticlesAsync("quokka", null, null, null, null, 100, Ct));

        var result = await StorePruner.PruneAsync(db.Database, Cutoff, 5.5, dryRun: false, Ct);

        Assert.Equal(new PruneResult(1_203, 0, 1_203, 0), result);
        await using var check = await db.Database.OpenAsync(Ct);
        Assert.Equal(0L, await Sql.LongAsync(check, null, "SELECT COUNT(*) FROM stories", Ct));
        Assert.Equal(0L, await Sql.LongAsync(check, null, "SELECT COUNT(*) FROM articles", Ct));
        Assert.Equal(0, await site.CountStoriesAsync(query, 100, Ct));
        Assert.Equal(0, await site.CountArticlesAsync("quokka", null, null, null, null, 100, Ct));
    }

    [Theory]
    [InlineData(new[] { "--older-than", "30", "--below", "5.5" }, "--older-than 30: give a number of days from 31 to 36500")]
    [InlineData(new[] { "--older-than", "90", "--below", "0" }, "--below 0: give a score above 0 and at most 10")]
    [InlineData(new[] { "--older-than", "90", "--below", "11" }, "--below 11: give a score above 0 and at most 10")]
    [InlineData(new[] { "--older-than", "90", "--below", "NaN" }, "--below NaN: give a score above 0 and at most 10")]
    [InlineData(new[] { "--below", "5.5" }, "--older-than")]
    public async Task A_prune_with_a_cutoff_too_young_or_a_bar_off_the_scale_is_a_usage_error_that_changes_nothing(string[] args, string message)
    {
        using var dir = new TempDir();
        var store = dir.File("store.db");
        {
            var db = await StoreAsync(store);
            await using var conn = await db.OpenAsync(Ct);
            await StoryAsync(conn, "Council renames a park", 1.0, Clock.ToUnixMs(DateTimeOffset.UtcNow.AddDays(-400)));
        }

        var (exit, _, stderr) = await SalientProcess.RunAsync(["--db", store, "db", "prune", .. args], dir);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
        await using var c = await Database.Create(store).OpenAsync(Ct);
        Assert.Equal(1L, await Sql.LongAsync(c, null, "SELECT COUNT(*) FROM stories", Ct));
    }

    [Fact]
    public async Task The_prune_command_says_what_it_would_remove_then_removes_it()
    {
        using var dir = new TempDir();
        var store = dir.File("store.db");
        // A year old against a cutoff of 90 days: the wall clock's drift during the test cannot matter.
        var yearAgo = Clock.ToUnixMs(DateTimeOffset.UtcNow.AddDays(-365));
        {
            var db = await StoreAsync(store);
            await using var conn = await db.OpenAsync(Ct);
            var source = await SourceAsync(conn);
            await ArticleAsync(conn, source, await StoryAsync(conn, "Council renames a park", 1.0, yearAgo), "Council renames a park", yearAgo);
            await ArticleAsync(conn, source, await StoryAsync(conn, "Parliament passes the budget", 8.0, yearAgo), "Parliament passes the budget", yearAgo);
        }

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["--db", store, "db", "prune", "--older-than", "90", "--below", "5.5", "--dry-run"], dir);
        Assert.True(exit == 0, stderr);
        Assert.StartsWith("would remove 1 stories scored below 5.5 whose newest article is older than ", Assert.Single(lines), StringComparison.Ordinal);
        Assert.Contains("(0 merged into them), with 1 articles", lines[0], StringComparison.Ordinal);

        (exit, lines, stderr) = await SalientProcess.RunAsync(["--db", store, "db", "prune", "--older-than", "90", "--below", "5.5"], dir);
        Assert.True(exit == 0, stderr);
        Assert.StartsWith("removed 1 stories", Assert.Single(lines), StringComparison.Ordinal);

        await using var c = await Database.Create(store).OpenAsync(Ct);
        Assert.Equal(["Parliament passes the budget"], await Sql.QueryAsync(c, null, "SELECT title FROM stories", r => r.GetString(0), Ct));
        Assert.Equal(1L, await Sql.LongAsync(c, null, "SELECT COUNT(*) FROM articles", Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_daily_prune_of_salient_run_removes_what_is_older_than_its_days_at_the_clocks_present(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var clock = new ManualClock(Now);
        long story;
        await using (var conn = await db.Database.OpenAsync(Ct))
        {
            story = await StoryAsync(conn, "Council renames a park", 2.0, Clock.ToUnixMs(Now.AddDays(-80)));
        }
        var scheduler = new PruneScheduler(db.Database, new RetentionOptions { Days = 90, Below = 5.5 }, clock, NullLogger<PruneScheduler>.Instance);

        Assert.Equal(new PruneResult(0, 0, 0, 0), await scheduler.PruneOnceAsync(Ct));
        clock.Advance(TimeSpan.FromDays(11));
        Assert.Equal(new PruneResult(1, 0, 0, 0), await scheduler.PruneOnceAsync(Ct));

        await using var check = await db.Database.OpenAsync(Ct);
        Assert.Equal(0L, await Sql.LongAsync(check, null, "SELECT COUNT(*) FROM stories WHERE id = @s", Ct, ("s", story)));
    }

    [Fact]
    public async Task Without_retention_days_salient_run_prunes_nothing_and_its_scheduler_ends_at_once()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var scheduler = new PruneScheduler(db.Database, new RetentionOptions(), new ManualClock(Now), NullLogger<PruneScheduler>.Instance);

        await scheduler.StartAsync(Ct);

        Assert.NotNull(scheduler.ExecuteTask);
        await scheduler.ExecuteTask.WaitAsync(TimeSpan.FromMinutes(1));
        await scheduler.StopAsync(Ct);
    }

    [Theory]
    [InlineData("""{"Retention": {"Days": 30}}""", "Retention:Days must be 0 (keep everything) or a number of days from 31 to 36500, not 30")]
    [InlineData("""{"Retention": {"Days": 90, "Below": 0}}""", "Retention:Below must be a score above 0 and at most 10")]
    [InlineData("""{"Retention": {"Days": 90, "Below": 12}}""", "Retention:Below must be a score above 0 and at most 10")]
    public async Task A_retention_setting_out_of_range_stops_every_command_before_it_opens_the_store(string json, string message)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("salient.json"), json);

        var (exit, _, stderr) = await SalientProcess.RunAsync(["--config", dir.File("salient.json"), "--db", dir.File("s.db"), "stats"], dir);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
        Assert.False(File.Exists(dir.File("s.db")));
    }
}
