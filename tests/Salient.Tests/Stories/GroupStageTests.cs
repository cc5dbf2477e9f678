using Microsoft.Extensions.Logging.Abstractions;
using Salient.Embeddings;
using Salient.Pipeline;
using Salient.Storage;
using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

public sealed class GroupStageTests
{
    private const long Hour = 3_600_000;
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly StoryOptions Plain = new()
    {
        JoinThreshold = 0.9, LooseThreshold = 0.9, ContestedLooseThreshold = 0.9, Margin = 0.5, MergeThreshold = 0.85, LexicalWeight = 0,
        TimePenaltyPerDay = 0, SameOutletPenalty = 0, CandidateFloor = 0.3,
    };

    private static async Task<Database> NewDatabaseAsync(TempDir dir, string name = "salient.db")
    {
        var db = Database.Create(dir.File(name));
        await db.MigrateAsync(Ct);
        await using var conn = await db.OpenAsync(Ct);
        foreach (var (name2, country) in new[] { ("outlet0", "us"), ("outlet1", "gb"), ("outlet2", "de"), ("outlet3", "fr"), ("outlet4", "us") })
        {
            await Sql.ExecuteAsync(conn, null, "INSERT INTO sources (url, name, country, created_at) VALUES (@u, @n, @c, 0)", Ct,
                ("u", $"https://{name2}.example/feed"), ("n", name2), ("c", country));
        }
        return db;
    }

    private static async Task InsertAsync(Database db, IEnumerable<StoryArticle> articles, int stage = ArticleStage.Embedded)
    {
        await using var conn = await db.OpenAsync(Ct);
        await using var tx = await conn.BeginTransactionAsync(Ct);
        foreach (var a in articles)
        {
            var sourceId = a.Source is null ? (object?)null : await Sql.ScalarAsync(conn, tx, "SELECT id FROM sources WHERE name = @n", Ct, ("n", a.Source));
            await Sql.ExecuteAsync(conn, tx,
                "INSERT INTO articles (id, source_id, url, canonical_url, title, text, published_at, discovered_at, stage, embedding) VALUES (@id, @s, @u, @u, @t, @x, @p, @d, @st, @e)", Ct,
                ("id", a.Id), ("s", sourceId), ("u", a.Url ?? $"https://x.example/{a.Id}"), ("t", a.Title), ("x", a.Text), ("p", a.TimeMs), ("d", a.TimeMs + 60_000),
                ("st", stage), ("e", stage >= ArticleStage.Embedded ? TextEmbedder.ToBytes(a.Embedding) : null));
        }
        await tx.CommitAsync(Ct);
    }

    private static GroupStage Stage(Database db, StoryOptions options) =>
        new(new StoryStore(db, TimeProvider.System), options, TimeProvider.System, NullLogger<GroupStage>.Instance);

    private static async Task DrainAsync(IPipelineStage stage)
    {
        while (await stage.RunBatchAsync(Ct) > 0)
        {
        }
    }

    private static async Task<Dictionary<long, long>> StoryOfArticlesAsync(Database db)
    {
        await using var conn = await db.OpenAsync(Ct);
        var rows = await Sql.QueryAsync(conn, null, "SELECT id, story_id, stage FROM articles", r => (r.Long("id")!.Value, r.Long("story_id"), r.Long("stage")), Ct);
        Assert.All(rows, r => Assert.Equal(ArticleStage.Grouped, r.Item3));
        return rows.ToDictionary(r => r.Item1, r => r.Item2!.Value);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_stream_gives_the_same_stories_as_an_uninterrupted_run()
    {
        var stream = Synthetic.Stream(seed: 5, events: 110, days: 10, runningDays: 8).Select(x => x.Article).ToList();
        // One by one: grouped a batch at a time, each run would draw its lines where its own batches end.
        var options = new StoryOptions { BatchAtOnce = false };
        using var dir = new TempDir();

        var whole = await NewDatabaseAsync(dir, "whole.db");
        await InsertAsync(whole, stream);
        await DrainAsync(Stage(whole, options));

        var split = await NewDatabaseAsync(dir, "split.db");
        var cut = stream.Count * 2 / 5;
        await InsertAsync(split, stream.Take(cut));
        await DrainAsync(Stage(split, options));
        // A new process: nothing in memory, the window comes from the store.
        await InsertAsync(split, stream.Skip(cut));
        await DrainAsync(Stage(split, options));

        var expected = await StoryOfArticlesAsync(whole);
        var got = await StoryOfArticlesAsync(split);
        Assert.Equal(expected.OrderBy(p => p.Key), got.OrderBy(p => p.Key));
        await using var conn = await split.OpenAsync(Ct);
        Assert.True(await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM stories WHERE status = 'closed'", Ct) > 0, "the stream is long enough for stories to leave the window");

        // The event reported for 8 days stays one story, and a rebuild reads only its articles within the window.
        var running = stream.Where(a => a.Url!.Contains("/running/", StringComparison.Ordinal)).ToList();
        var runningStory = Assert.Single(running.Select(a => got[a.Id]).Distinct());
        var (window, _) = await new StoryStore(split, TimeProvider.System).LiveWindowAsync(options.WindowMs, options.LexicalChars, Ct);
        var horizon = stream.Max(a => a.TimeMs) - options.WindowMs;
        Assert.Equal(running.Where(a => a.TimeMs >= horizon).Select(a => a.Id), window.Where(m => m.StoryId == runningStory).Select(m => m.Article.Id));
        Assert.All(window, m => Assert.True(m.Article.TimeMs >= horizon, $"article {m.Article.Id} is older than the window"));
    }

    [Fact]
    public async Task Grouping_waits_for_an_older_article_still_on_its_way_so_a_backlog_is_grouped_in_time_order()
    {
        using var dir = new TempDir();
        var db = await NewDatabaseAsync(dir);
        // Discovered a minute before "now"; published 10 and 5 hours into the stream.
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(10 * Hour + 2 * 60_000));
        var stage = new GroupStage(new StoryStore(db, TimeProvider.System), Plain, clock, NullLogger<GroupStage>.Instance);
        var newer = new StoryArticle(1, "Oslo flood", null, "outlet0", null, 10 * Hour, Synthetic.Angle(0));
        var older = new StoryArticle(2, "Oslo flood begins", null, "outlet1", null, 5 * Hour, Synthetic.Angle(2));
        await InsertAsync(db, [newer]);
        await InsertAsync(db, [older], ArticleStage.Extracted);
        await DiscoveredAtAsync(db, 2, clock.Now.AddMinutes(-1));

        Assert.Equal(0, await stage.RunBatchAsync(Ct));

        await using (var conn = await db.OpenAsync(Ct))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE articles SET stage = @s, embedding = @e WHERE id = 2", Ct,
                ("s", ArticleStage.Embedded), ("e", TextEmbedder.ToBytes(older.Embedding)));
        }
        await DrainAsync(stage);
        var stories = await StoryOfArticlesAsync(db);
        Assert.Equal(stories[1], stories[2]);
        await using (var conn = await db.OpenAsync(Ct))
        {
            // The older article came first: the story began at its time.
            Assert.Equal(5 * Hour, await Sql.LongAsync(conn, null, "SELECT first_published FROM stories WHERE id = @id", Ct, ("id", stories[1])));
        }
    }

    [Fact]
    public async Task An_article_stuck_on_its_way_for_longer_than_the_hold_no_longer_holds_grouping_back()
    {
        using var dir = new TempDir();
        var db = await NewDatabaseAsync(dir);
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(20 * Hour + 2 * 60_000));
        var stage = new GroupStage(new StoryStore(db, TimeProvider.System), Plain, clock, NullLogger<GroupStage>.Instance);
        await InsertAsync(db, [new StoryArticle(1, "Lima strike", null, "outlet0", null, 20 * Hour, Synthetic.Angle(0))]);
        await InsertAsync(db, [new StoryArticle(2, "Never fetched", null, "outlet1", null, 1 * Hour, Synthetic.Angle(90))], ArticleStage.Discovered);
        await DiscoveredAtAsync(db, 2, clock.Now.AddMinutes(-1));
        Assert.Equal(0, await stage.RunBatchAsync(Ct));

        clock.Now = clock.Now.AddMinutes(Plain.HoldMinutes);
        Assert.Equal(1, await stage.RunBatchAsync(Ct));
        Assert.Equal(0, await stage.RunBatchAsync(Ct));
    }

    private static async Task DiscoveredAtAsync(Database db, long id, DateTimeOffset at)
    {
        await using var conn = await db.OpenAsync(Ct);
        await Sql.ExecuteAsync(conn, null, "UPDATE articles SET discovered_at = @d WHERE id = @id", Ct, ("d", at.ToUnixTimeMilliseconds()), ("id", id));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>About 3,000 characters naming the given town, firm and figure again and again.</summary>
    private static string WholeText(string town, string firm, string number) => string.Join("\n\n", Enumerable.Range(0, 20).Select(i =>
        $"Residents of {town} were told on day {i + 1} that {firm} had cut water to {number} homes, and the council of {town} asked {firm} for an account."));

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_group_stage_reads_whole_texts_from_the_store_for_borderline_joins_and_keeps_a_column_out_on_both_engines(string engine)
    {
        var options = Plain with { MergeThreshold = 0.99, BodyBand = 0.1, BodyWeight = 0.5, BodyPivot = 0.3, BodyMinChars = 1500 };
        var text = WholeText("Ardenvale", "Corbridge Water", "4,512");
        Assert.True(text.Length > options.LexicalChars + options.BodyMinChars);
        StoryArticle[] articles =
        [
            new(1, "Water cut to homes", text, null, null, 0, Synthetic.Angle(0)),
            // cos 0.85: under the bar of 0.9 by the embedding, within the band; only the whole texts can join it.
            new(2, "Taps run dry", text, null, null, Hour, Synthetic.Angle(31.8)),
            // cos 0.996, but a column: it shares no name with the story's titles and leads.
            new(3, "Why our pipes keep failing", "We have neglected our water pipes for decades.", null, "https://paper.example/opinion/pipes", 2 * Hour, Synthetic.Angle(5)),
        ];

        await using var withBody = await TestDatabase.CreateAsync(engine);
        await InsertAsync(withBody.Database, articles);
        await DrainAsync(Stage(withBody.Database, options));
        var story = await StoryOfArticlesAsync(withBody.Database);
        Assert.Equal(story[1], story[2]);
        Assert.NotEqual(story[1], story[3]);

        await using var without = await TestDatabase.CreateAsync(engine);
        await InsertAsync(without.Database, articles);
        await DrainAsync(Stage(without.Database, options with { BodyWeight = 0, SeparateCommentary = false }));
        var plain = await StoryOfArticlesAsync(without.Database);
        Assert.NotEqual(plain[1], plain[2]);
        Assert.Equal(plain[1], plain[3]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task With_the_body_embedding_on_the_group_stage_embeds_the_central_sentences_of_texts_it_reads_from_the_store_on_both_engines(string engine)
    {
        var options = Plain with
        {
            MergeThreshold = 0.99, SizePenalty = 0, SeparateCommentary = false,
            BodyBand = 0.05, BodyWeight = 0, BodyVectorWeight = 1, BodyVectorPivot = 0.5, BodyMinChars = 1500,
        };
        // cos 0.883 by the leads' vectors: under the bar of 0.9, within the band; only the bodies can join them.
        var first = new StoryArticle(1, BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA(), null, null, 0, Synthetic.Angle(0));
        var second = new StoryArticle(2, BodyFixtures.HarwickTitleB, BodyFixtures.HarwickB(), null, null, Hour, Synthetic.Angle(28));
        // Another event on the theme, whose lead vector is the second's: 0.94 to their story, also borderline.
        var other = new StoryArticle(3, BodyFixtures.DunmereTitle, BodyFixtures.Dunmere(), null, null, 2 * Hour, Synthetic.Angle(28));
        using var embedder = new TextEmbedder();

        await using var on = await TestDatabase.CreateAsync(engine);
        await InsertAsync(on.Database, [first]);
        await DrainAsync(new GroupStage(new StoryStore(on.Database, TimeProvider.System), options, TimeProvider.System, NullLogger<GroupStage>.Instance, embedder));
        // A new process: the first article's text comes back from the store with the rebuilt window.
        await InsertAsync(on.Database, [second, other]);
        await DrainAsync(new GroupStage(new StoryStore(on.Database, TimeProvider.System), options, TimeProvider.System, NullLogger<GroupStage>.Instance, embedder));
        var story = await StoryOfArticlesAsync(on.Database);
        Assert.Equal(story[1], story[2]);
        Assert.NotEqual(story[1], story[3]);

        // The same stage without the model, or with the setting off, keeps them apart.
        await using var off = await TestDatabase.CreateAsync(engine);
        await InsertAsync(off.Database, [first, second, other]);
        await DrainAsync(Stage(off.Database, options));
        var plain = await StoryOfArticlesAsync(off.Database);
        Assert.NotEqual(plain[1], plain[2]);
        Assert.Equal(plain[2], plain[3]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Two_workers_taking_turns_give_the_stories_of_one_uninterrupted_run_on_both_engines(string engine)
    {
        var stream = Synthetic.Stream(seed: 9, events: 60, days: 6, runningDays: 4).Select(x => x.Article).ToList();
        // One by one: grouped a batch at a time, each run would draw its lines where its own batches end.
        var options = new StoryOptions { BatchAtOnce = false };

        await using var whole = await TestDatabase.CreateAsync(engine);
        await InsertAsync(whole.Database, stream);
        await DrainAsync(Stage(whole.Database, options));

        // Each worker finds its window moved by the other at every turn, and rebuilds it from the store, keeping what
        // it read from the texts of the articles it had.
        await using var shared = await TestDatabase.CreateAsync(engine);
        IPipelineStage[] workers = [Stage(shared.Database, options), Stage(shared.Database, options)];
        var turns = stream.Chunk(stream.Count / 6 + 1).ToList();
        for (var i = 0; i < turns.Count; i++)
        {
            await InsertAsync(shared.Database, turns[i]);
            await DrainAsync(workers[i % 2]);
        }

        var expected = await StoryOfArticlesAsync(whole.Database);
        var got = await StoryOfArticlesAsync(shared.Database);
        Assert.Equal(expected.OrderBy(p => p.Key), got.OrderBy(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_window_rebuilt_with_what_was_read_before_reads_only_the_texts_of_new_articles_on_both_engines(string engine)
    {
        var options = Plain with { BodyMinChars = 1500 };
        var text = WholeText("Ardenvale", "Corbridge Water", "4,512");
        StoryArticle[] articles =
        [
            new(1, "Water cut to homes", text, null, null, 0, Synthetic.Angle(0)),
            new(2, "Taps run dry", text.Replace("Ardenvale", "Brookmere", StringComparison.Ordinal), null, null, Hour, Synthetic.Angle(1)),
        ];
        await using var test = await TestDatabase.CreateAsync(engine);
        await InsertAsync(test.Database, articles);
        await DrainAsync(Stage(test.Database, options));
        var store = new StoryStore(test.Database, TimeProvider.System);

        var (fresh, _) = await store.LiveWindowAsync(options.WindowMs, options.LexicalChars, Ct);
        var before = new ArticleFacts(TermBag.Empty, TermBag.Empty, ArticleKind.Opinion);
        var (rebuilt, _) = await store.LiveWindowAsync(options.WindowMs, options.LexicalChars, new Dictionary<long, ArticleFacts> { [1] = before }, Ct);

        Assert.Equal(fresh.Select(m => (m.Article.Id, m.StoryId)), rebuilt.Select(m => (m.Article.Id, m.StoryId)));
        var known = rebuilt.Single(m => m.Article.Id == 1).Article;
        Assert.Null(known.Text);
        Assert.Null(known.Body);
        Assert.Same(before, known.Facts);
        Assert.Equal(fresh[0].Article.Embedding, known.Embedding);
        var read = rebuilt.Single(m => m.Article.Id == 2).Article;
        Assert.Null(read.Facts);
        Assert.Contains("Brookmere", read.Body, StringComparison.Ordinal);
        var freshRead = fresh.Single(m => m.Article.Id == 2).Article;
        Assert.Equal((freshRead.Title, freshRead.Text, freshRead.Body, freshRead.Url, freshRead.TimeMs), (read.Title, read.Text, read.Body, read.Url, read.TimeMs));
        Assert.Equal(freshRead.Embedding, read.Embedding);
    }

    [Fact]
    public async Task Story_facts_follow_the_articles_and_the_version_grows_when_they_change()
    {
        using var dir = new TempDir();
        var db = await NewDatabaseAsync(dir);
        var stage = Stage(db, Plain);
        await InsertAsync(db, [
            new StoryArticle(1, "Flood in Oslo", "Rivers rose.", "outlet0", null, 10 * Hour, Synthetic.Angle(0)),
            new StoryArticle(2, "Oslo flood", "Water everywhere.", "outlet1", null, 11 * Hour, Synthetic.Angle(3)),
        ]);
        await DrainAsync(stage);
        var story = (await StoryOfArticlesAsync(db))[1];
        var before = await FactsAsync(db, story);
        Assert.Equal(2, before.Count);
        Assert.Equal(2, before.Outlets);
        Assert.Equal("""["GB","US"]""", before.Countries);
        Assert.Equal(10 * Hour, before.FirstPublished);
        Assert.Equal(11 * Hour, before.LastPublished);
        Assert.Contains(before.Representative, new long?[] { 1, 2 });

        await InsertAsync(db, [new StoryArticle(3, "Oslo flood", "Again.", "outlet0", null, 12 * Hour, Synthetic.Angle(1))]);
        await DrainAsync(stage);
        var after = await FactsAsync(db, story);
        Assert.Equal(3, after.Count);
        Assert.Equal(2, after.Outlets);
        Assert.True(after.Version > before.Version);
    }

    [Fact]
    public async Task A_merge_moves_the_articles_and_the_absorbed_story_redirects_to_the_survivor()
    {
        using var dir = new TempDir();
        var db = await NewDatabaseAsync(dir);
        var stage = Stage(db, Plain);
        await InsertAsync(db, [new StoryArticle(1, "a", null, "outlet0", null, 0, Synthetic.Angle(0)), new StoryArticle(2, "b", null, "outlet1", null, Hour, Synthetic.Angle(35))]);
        await DrainAsync(stage);
        var before = await StoryOfArticlesAsync(db);
        Assert.NotEqual(before[1], before[2]);

        await InsertAsync(db, [new StoryArticle(3, "c", null, "outlet2", null, 2 * Hour, Synthetic.Angle(17))]);
        await DrainAsync(stage);
        var after = await StoryOfArticlesAsync(db);
        Assert.Single(after.Values.Distinct());
        Assert.Equal(before[1], after[2]);

        var store = new StoryStore(db, TimeProvider.System);
        Assert.Equal(before[1], await store.ResolveAsync(before[2], Ct));
        await using var conn = await db.OpenAsync(Ct);
        Assert.Equal("merged", (string?)await Sql.ScalarAsync(conn, null, "SELECT status FROM stories WHERE id = @id", Ct, ("id", before[2])));
        Assert.Equal(3L, await Sql.LongAsync(conn, null, "SELECT article_count FROM stories WHERE id = @id", Ct, ("id", before[1])));
    }

    [Fact]
    public async Task A_merge_set_off_by_a_batch_grouped_at_once_moves_the_articles_in_the_store()
    {
        using var dir = new TempDir();
        var db = await NewDatabaseAsync(dir);
        var stage = Stage(db, Plain with { BatchAtOnce = true });
        await InsertAsync(db, [new StoryArticle(1, "a", null, "outlet0", null, 0, Synthetic.Angle(0)), new StoryArticle(2, "b", null, "outlet1", null, Hour, Synthetic.Angle(35))]);
        await DrainAsync(stage);
        var before = await StoryOfArticlesAsync(db);
        Assert.NotEqual(before[1], before[2]);

        // One batch: 3 bridges the two stories, 4 is another event.
        await InsertAsync(db, [
            new StoryArticle(3, "c", null, "outlet2", null, 2 * Hour, Synthetic.Angle(17)),
            new StoryArticle(4, "d", null, "outlet3", null, 2 * Hour, Synthetic.Angle(90, towards: 3)),
        ]);
        await DrainAsync(stage);

        var after = await StoryOfArticlesAsync(db);
        Assert.Equal(after[1], after[2]);
        Assert.Equal(after[1], after[3]);
        Assert.NotEqual(after[1], after[4]);
        await using var conn = await db.OpenAsync(Ct);
        var gone = before[1] == after[1] ? before[2] : before[1];
        Assert.Equal("merged", (string?)await Sql.ScalarAsync(conn, null, "SELECT status FROM stories WHERE id = @id", Ct, ("id", gone)));
        Assert.Equal(3L, await Sql.LongAsync(conn, null, "SELECT article_count FROM stories WHERE id = @id", Ct, ("id", after[1])));
    }

    [Fact]
    public async Task A_merge_finds_the_stories_redirected_to_the_absorbed_one_through_an_index_not_by_reading_every_story()
    {
        using var dir = new TempDir();
        var db = await NewDatabaseAsync(dir);
        await using var conn = await db.OpenAsync(Ct);

        var plan = string.Join("\n", await Sql.QueryAsync(conn, null, "EXPLAIN QUERY PLAN " + StoryStore.RedirectMergedSql, r => r.GetString(3), Ct, ("keep", 1L), ("gone", 2L))) + "\n";

        Assert.Matches(@"SEARCH stories USING (COVERING )?INDEX ix_stories_merged_into \(merged_into=\?\)", plan);
        Assert.DoesNotContain("SCAN stories\n", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Related_stories_are_near_in_topic_from_the_last_48_hours_and_never_the_story_itself()
    {
        using var dir = new TempDir();
        var db = await NewDatabaseAsync(dir);
        await InsertAsync(db, [
            new StoryArticle(1, "Ruritania bank, old but near", null, "outlet0", null, 0, Synthetic.Angle(40, towards: 2)),
            new StoryArticle(2, "Ruritania bank, the story", null, "outlet0", null, 60 * Hour, Synthetic.Angle(0)),
            new StoryArticle(3, "Ruritania bank, same topic", null, "outlet1", null, 61 * Hour, Synthetic.Angle(50, towards: 3)),
            new StoryArticle(4, "Ruritania bank, closer topic", null, "outlet2", null, 62 * Hour, Synthetic.Angle(30, towards: 4)),
            new StoryArticle(5, "Freedonia harbour, unrelated", null, "outlet3", null, 62 * Hour, Synthetic.Angle(90, towards: 5)),
        ]);
        await DrainAsync(Stage(db, Plain));
        var storyOf = await StoryOfArticlesAsync(db);
        Assert.Equal(5, storyOf.Values.Distinct().Count());
        var related = await new StoryStore(db, TimeProvider.System).RelatedAsync(storyOf[2], Ct);
        Assert.Equal([storyOf[4], storyOf[3]], related.Select(r => r.Id));
        Assert.Equal("Ruritania bank, closer topic", related[0].Title);
        Assert.Empty(await new StoryStore(db, TimeProvider.System).RelatedAsync(424242, Ct));
    }

    [Fact]
    public async Task The_embed_stage_stores_a_vector_and_moves_articles_on_to_grouping()
    {
        using var dir = new TempDir();
        var db = await NewDatabaseAsync(dir);
        await InsertAsync(db, [new StoryArticle(1, "Earthquake strikes Japan", "A magnitude 7 quake hit.", "outlet0", null, 0, [])], ArticleStage.Extracted);
        using var embedder = new TextEmbedder();
        var stage = new EmbedStage(new StoryStore(db, TimeProvider.System), embedder, NullLogger<EmbedStage>.Instance);
        Assert.Equal(1, await stage.CountPendingAsync(Ct));
        Assert.Equal(1, await stage.RunBatchAsync(Ct));
        Assert.Equal(0, await stage.RunBatchAsync(Ct));
        await using var conn = await db.OpenAsync(Ct);
        var bytes = (byte[]?)await Sql.ScalarAsync(conn, null, "SELECT embedding FROM articles WHERE id = 1", Ct);
        Assert.Equal(TextEmbedder.Dimensions, TextEmbedder.FromBytes(bytes!).Length);
        Assert.Equal(ArticleStage.Embedded, await Sql.LongAsync(conn, null, "SELECT stage FROM articles WHERE id = 1", Ct));
    }

    private sealed record Facts(long Count, long Outlets, string? Countries, long? FirstPublished, long? LastPublished, long? Representative, long Version);

    private static async Task<Facts> FactsAsync(Database db, long story)
    {
        await using var conn = await db.OpenAsync(Ct);
        var rows = await Sql.QueryAsync(conn, null, "SELECT * FROM stories WHERE id = @id", r => new Facts(
            r.Long("article_count")!.Value, r.Long("outlet_count")!.Value, r.Str("countries"), r.Long("first_published"), r.Long("last_published"),
            r.Long("representative_article_id"), r.Long("version")!.Value), Ct, ("id", story));
        return Assert.Single(rows);
    }
}
