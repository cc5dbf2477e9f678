using Microsoft.Extensions.DependencyInjection;
using Salient.Embeddings;
using Salient.Sections;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Web;
using Salient.Writing;

namespace Salient.Tests.Web;

public sealed class RelatedStoriesTests
{
    private static readonly long Now = new DateTimeOffset(2026, 5, 20, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const long Hour = 3_600_000;

    /// <summary>A clock that moves only when told to, in the timestamps the index measures its refreshes and lists by.</summary>
    private sealed class IndexClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>A title the stories on one topic share (a place and an institution), as stories of one thread do.</summary>
    private const string OnTopic = "Ruritania central bank";

    private static async Task StoryAsync(Database db, long id, float[] centroid, long lastPublished, long lastUpdated, string title = OnTopic)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, """
            INSERT INTO stories (id, status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, centroid, version, title)
            VALUES (@id, 'open', @p, @u, @p, @p, 1, 1, @c, 1, @t)
            """, CancellationToken.None, ("id", id), ("p", lastPublished), ("u", lastUpdated), ("c", TextEmbedder.ToBytes(centroid)), ("t", title));
    }

    [Fact]
    public async Task The_kept_index_finds_what_the_stores_query_finds_without_reading_the_day_again()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Database;
        // Stories 1–6 share a topic to different degrees, 7 is elsewhere, 8 is on the topic but too early for story 1.
        var similar = new[] { 0.95, 0.9, 0.8, 0.7, 0.6, 0.5 };
        for (var i = 0; i < similar.Length; i++)
        {
            await StoryAsync(db, i + 1, TestModels.Vector(similar[i], 3), Now - i * Hour, Now - i * Hour);
        }
        await StoryAsync(db, 7, TestModels.Vector(0, 9), Now, Now, "Harbour strike ends in Freedonia");
        await StoryAsync(db, 8, TestModels.Vector(0.95, 3), Now - 60 * Hour, Now - 60 * Hour);
        var store = new StoryStore(db, TimeProvider.System);
        var related = new RelatedStories(store, new IndexClock());

        foreach (var id in new long[] { 1, 3, 7, 8 })
        {
            var expected = (await store.RelatedAsync(id, CancellationToken.None, count: 5)).Select(r => r.Id).ToList();
            Assert.Equal(expected, await related.IdsAsync(id, 5, CancellationToken.None));
        }
        Assert.Equal([2L, 3, 4, 5, 6], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Empty(await related.IdsAsync(7, 5, CancellationToken.None) ?? []);
        Assert.Equal([2L, 3], await related.IdsAsync(1, 2, CancellationToken.None));
        Assert.Equal(8, related.Count);
    }

    [Fact]
    public async Task A_story_that_changes_gets_its_list_made_again_and_a_merged_story_leaves_every_list()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now);
        await StoryAsync(db, 2, TestModels.Vector(0.8, 3), Now, Now);
        await StoryAsync(db, 3, TestModels.Vector(0.1, 5), Now, Now, "Ruritania central bank names a governor");
        var clock = new IndexClock();
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), clock);
        Assert.Equal([2L], await related.IdsAsync(1, 5, CancellationToken.None));

        // Grouping moves story 3 onto the topic (a new centroid), and merges story 2 away.
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET centroid = @c, last_updated = @u WHERE id = 3", CancellationToken.None,
                ("c", TextEmbedder.ToBytes(TestModels.Vector(0.85, 3))), ("u", Now + 1000));
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET status = 'merged', merged_into = 1, last_updated = @u WHERE id = 2", CancellationToken.None, ("u", Now + 1000));
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET last_updated = @u WHERE id = 1", CancellationToken.None, ("u", Now + 1000));
        }
        // Until the index reads the changes, the kept list stands.
        Assert.Equal([2L], await related.IdsAsync(1, 5, CancellationToken.None));
        clock.Advance(RelatedStories.RefreshEvery + TimeSpan.FromSeconds(1));
        await related.RefreshAsync(CancellationToken.None);

        Assert.Equal([3L], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Equal([1L], await related.IdsAsync(3, 5, CancellationToken.None));
        Assert.Equal(2, related.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_site_lists_the_same_thread_and_not_a_story_that_only_reads_alike(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(1, 1), Now, Now, "Federal Reserve keeps interest rates near zero");
        // Nearer in embedding than the same thread, but about an election audit and about masks.
        await StoryAsync(db, 2, TestModels.Vector(0.8, 2), Now, Now, "Arizona election audit enters its second week");
        await StoryAsync(db, 3, TestModels.Vector(0.75, 3), Now, Now, "Opinion: time to stop telling vaccinated people to wear masks");
        await StoryAsync(db, 4, TestModels.Vector(0.6, 4), Now - Hour, Now, "Powell says the Federal Reserve will hold interest rates");
        // Shares the bank's name, but is about another country (known once scored).
        await StoryAsync(db, 5, TestModels.Vector(0.7, 5), Now, Now, "Brazil's central bank raises interest rates, citing the Federal Reserve");
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET topics = ',economy,', about_countries = ',US,' WHERE id IN (1, 4)", CancellationToken.None);
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET topics = ',economy,', about_countries = ',BR,' WHERE id = 5", CancellationToken.None);
        }
        var store = new StoryStore(db, TimeProvider.System);
        var related = new RelatedStories(store, new IndexClock());

        Assert.Equal([4L], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Equal([4L], (await store.RelatedAsync(1, CancellationToken.None)).Select(r => r.Id));
        Assert.Equal([1L], await related.IdsAsync(4, 5, CancellationToken.None));
        Assert.Empty(await related.IdsAsync(2, 5, CancellationToken.None) ?? []);
        Assert.Empty(await store.RelatedAsync(3, CancellationToken.None));
    }

    [Fact]
    public async Task A_story_older_than_the_kept_window_is_answered_by_the_stores_query()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now);
        await StoryAsync(db, 2, TestModels.Vector(0.9, 3), Now - 10 * 24 * Hour, Now - 10 * 24 * Hour);
        await StoryAsync(db, 3, TestModels.Vector(0.8, 3), Now - 10 * 24 * Hour - Hour, Now - 10 * 24 * Hour);
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), new IndexClock());
        Assert.Equal([1L, 3], await related.IdsAsync(2, 5, CancellationToken.None));
        Assert.Equal(1, related.Count);
        Assert.Null(await related.IdsAsync(424242, 5, CancellationToken.None));
    }

    /// <summary>Files a story under one desk and country as the scoring stage does, through the store it uses.</summary>
    private static Task ScoreSectionsAsync(SectionStore sections, long id, string desk, string country) =>
        sections.SaveAsync(id, new StorySections([new TopicScore(desk, 0.9)], [country]), CancellationToken.None);

    private static async Task<long> LastUpdatedAsync(Database db, long id)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        return await Sql.LongAsync(conn, null, "SELECT last_updated FROM stories WHERE id = @id", CancellationToken.None, ("id", id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_scored_after_its_last_article_leaves_the_list_of_a_story_in_another_desk_without_waiting_for_an_article(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now);
        await StoryAsync(db, 2, TestModels.Vector(0.85, 3), Now, Now);
        await StoryAsync(db, 3, TestModels.Vector(0.8, 3), Now - Hour, Now);
        // The writers' clock stands still at the time grouping last touched the stories: every change lands in one millisecond.
        var sections = new SectionStore(db, new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(Now)));
        var clock = new IndexClock();
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), clock);
        Assert.Equal([2L, 3], await related.IdsAsync(1, 5, CancellationToken.None));

        // Story 1 is scored first: story 2 is not scored yet, so the rule still lets it stand.
        await ScoreSectionsAsync(sections, 1, "economy", "US");
        clock.Advance(RelatedStories.RefreshEvery + TimeSpan.FromSeconds(1));
        await related.RefreshAsync(CancellationToken.None);
        Assert.Equal([2L, 3], await related.IdsAsync(1, 5, CancellationToken.None));

        // Then 2 under another desk and 3 under the same one; no story gets an article.
        await ScoreSectionsAsync(sections, 2, "sports", "US");
        await ScoreSectionsAsync(sections, 3, "economy", "US");
        clock.Advance(RelatedStories.RefreshEvery + TimeSpan.FromSeconds(1));
        await related.RefreshAsync(CancellationToken.None);

        Assert.Equal([3L], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Empty(await related.IdsAsync(2, 5, CancellationToken.None) ?? []);
        Assert.Equal([1L], await related.IdsAsync(3, 5, CancellationToken.None));
        Assert.Equal([3L], (await new StoryStore(db, TimeProvider.System).RelatedAsync(1, CancellationToken.None)).Select(r => r.Id));
        // Scoring is not news: the stories' last update (the feeds' and the API's) stays where grouping left it.
        foreach (var id in new long[] { 1, 2, 3 })
        {
            Assert.Equal(Now, await LastUpdatedAsync(db, id));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_title_written_after_the_last_article_is_what_the_index_compares(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now, "Federal Reserve keeps interest rates near zero");
        // Near in embedding, but its feed title names nothing story 1 names, until the writing stage titles it.
        await StoryAsync(db, 2, TestModels.Vector(0.85, 3), Now, Now, "Markets wait for Wednesday");
        var store = new StoryStore(db, TimeProvider.System);
        var clock = new IndexClock();
        var related = new RelatedStories(store, clock);
        Assert.Empty(await related.IdsAsync(1, 5, CancellationToken.None) ?? []);

        var state = new StoryStore.StoryState(2, 1, 1, 1, null, null, null, null, null, HasTitle: true);
        var written = new WrittenStory("Federal Reserve signals interest rates stay near zero", -1, [new SummarySentence("The Federal Reserve held rates.", 0)], WrittenStory.Extractive);
        await store.SaveWritingAsync(state, written, [42], DateTimeOffset.FromUnixTimeMilliseconds(Now), CancellationToken.None);
        clock.Advance(RelatedStories.RefreshEvery + TimeSpan.FromSeconds(1));
        await related.RefreshAsync(CancellationToken.None);

        // The titled story's list is made again at once, and story 1's list takes it in at the same refresh, not when its time is up.
        Assert.Equal([1L], await related.IdsAsync(2, 5, CancellationToken.None));
        Assert.Equal([2L], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Equal(Now, await LastUpdatedAsync(db, 2));
    }

    [Fact]
    public async Task Once_two_stories_are_scored_the_index_never_lists_one_in_the_others_desk_whatever_the_order_of_scoring()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Database;
        const int Stories = 14;
        for (var i = 1; i <= Stories; i++)
        {
            await StoryAsync(db, i, TestModels.Vector(0.95 - i * 0.02, 3), Now - i * 60_000, Now - i * 60_000);
        }
        var random = new Random(20260520);
        var writers = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(Now));
        var sections = new SectionStore(db, writers);
        var clock = new IndexClock();
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), clock);
        var desks = new Dictionary<long, string>();
        var listedAcrossDesks = 0;
        var listedPairs = 0;
        foreach (var id in Enumerable.Range(1, Stories).Select(i => (long)i).OrderBy(_ => random.Next()).ToList())
        {
            // Readers ask for lists between scorings, so lists made before a story was scored are kept.
            for (var ask = 0; ask < 4; ask++)
            {
                await related.IdsAsync(random.Next(1, Stories + 1), 5, CancellationToken.None);
            }
            var desk = random.Next(2) == 0 ? "economy" : "politics";
            desks[id] = desk;
            await ScoreSectionsAsync(sections, id, desk, "US");
            writers.Advance(TimeSpan.FromMilliseconds(random.Next(0, 3)));
            clock.Advance(RelatedStories.RefreshEvery + TimeSpan.FromSeconds(1));
            await related.RefreshAsync(CancellationToken.None);
            for (long anchor = 1; anchor <= Stories; anchor++)
            {
                foreach (var other in await related.IdsAsync(anchor, 5, CancellationToken.None) ?? [])
                {
                    listedPairs++;
                    if (desks.TryGetValue(anchor, out var a) && desks.TryGetValue(other, out var b) && a != b)
                    {
                        listedAcrossDesks++;
                    }
                }
            }
        }
        Assert.Equal(2, desks.Values.Distinct().Count());
        Assert.True(listedPairs > Stories, $"the stories share a topic, so lists are not empty ({listedPairs} listed)");
        Assert.Equal(0, listedAcrossDesks);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_grouping_change_in_the_millisecond_scoring_marked_still_reaches_the_index(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now);
        await StoryAsync(db, 2, TestModels.Vector(0.1, 5), Now, Now, "Ruritania central bank names a governor");
        var sections = new SectionStore(db, new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(Now)));
        await ScoreSectionsAsync(sections, 1, "economy", "RU");
        await ScoreSectionsAsync(sections, 2, "economy", "RU");
        var clock = new IndexClock();
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), clock);
        Assert.Empty(await related.IdsAsync(1, 5, CancellationToken.None) ?? []);

        // Grouping gives story 2 an article that moves it onto the topic, stamped with the same millisecond.
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET centroid = @c, last_updated = @u WHERE id = 2", CancellationToken.None,
                ("c", TextEmbedder.ToBytes(TestModels.Vector(0.85, 3))), ("u", Now));
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET last_updated = @u WHERE id = 1", CancellationToken.None, ("u", Now));
            Assert.Equal(Now + 2, await Sql.LongAsync(conn, null, "SELECT topic_updated FROM stories WHERE id = 2", CancellationToken.None));
        }
        clock.Advance(RelatedStories.RefreshEvery + TimeSpan.FromSeconds(1));
        await related.RefreshAsync(CancellationToken.None);

        Assert.Equal([2L], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Equal([1L], await related.IdsAsync(2, 5, CancellationToken.None));
    }

    /// <summary>Moves a story's topic_updated as grouping does when it changes the story's articles: through last_updated.</summary>
    private static async Task RegroupAsync(Database db, long id, float[]? centroid, long at)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET centroid = @c, last_updated = @u WHERE id = @id", CancellationToken.None,
            ("c", centroid is null ? null : TextEmbedder.ToBytes(centroid)), ("u", at), ("id", id));
    }

    private static async Task RefreshAsync(RelatedStories related, IndexClock clock)
    {
        clock.Advance(RelatedStories.RefreshEvery + TimeSpan.FromSeconds(1));
        await related.RefreshAsync(CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_whose_centroid_moves_away_leaves_the_lists_holding_it_at_the_next_refresh_not_when_their_time_is_up(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now);
        await StoryAsync(db, 2, TestModels.Vector(0.85, 3), Now, Now);
        await StoryAsync(db, 3, TestModels.Vector(0.8, 3), Now - Hour, Now);
        var clock = new IndexClock();
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), clock);
        Assert.Equal([2L, 3], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Equal([3L, 1], await related.IdsAsync(2, 5, CancellationToken.None));

        // Grouping gives story 2 articles on another topic; stories 1 and 3 do not change.
        await RegroupAsync(db, 2, TestModels.Vector(0.05, 9), Now + 1000);
        await RefreshAsync(related, clock);

        Assert.Equal([3L], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Equal([1L], await related.IdsAsync(3, 5, CancellationToken.None));
        Assert.Empty(await related.IdsAsync(2, 5, CancellationToken.None) ?? []);
        Assert.Equal([3L], (await new StoryStore(db, TimeProvider.System).RelatedAsync(1, CancellationToken.None)).Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_new_story_on_the_thread_enters_the_kept_lists_at_the_next_refresh_and_one_elsewhere_leaves_them_standing(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now);
        await StoryAsync(db, 2, TestModels.Vector(0.7, 3), Now - Hour, Now - Hour);
        await StoryAsync(db, 3, TestModels.Vector(0.1, 7), Now - Hour, Now - Hour, "Harbour strike ends in Freedonia");
        var clock = new IndexClock();
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), clock);
        Assert.Equal([2L], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Empty(await related.IdsAsync(3, 5, CancellationToken.None) ?? []);

        // A story on another topic appears: no kept list is dropped for it.
        await StoryAsync(db, 4, TestModels.Vector(0.05, 9), Now, Now + 1000, "Volcano erupts on a remote island");
        await RefreshAsync(related, clock);
        Assert.Contains(1L, related.KeptListIds());
        Assert.Contains(3L, related.KeptListIds());

        // A story on story 1's thread appears, nearer to it than story 2: it enters story 1's list first, at once.
        await StoryAsync(db, 5, TestModels.Vector(0.88, 3), Now, Now + 2000);
        await RefreshAsync(related, clock);
        Assert.DoesNotContain(1L, related.KeptListIds());
        Assert.Contains(3L, related.KeptListIds());
        Assert.Equal([5L, 2], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Empty(await related.IdsAsync(3, 5, CancellationToken.None) ?? []);
        Assert.Equal([5L, 2], (await new StoryStore(db, TimeProvider.System).RelatedAsync(1, CancellationToken.None)).Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_new_story_enters_a_full_list_only_when_it_ranks_above_the_lists_last(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.95, 3), Now, Now);
        var similar = new[] { 0.9, 0.85, 0.8, 0.75, 0.7 };
        for (var i = 0; i < similar.Length; i++)
        {
            await StoryAsync(db, 10 + i, TestModels.Vector(similar[i], 3), Now - Hour, Now - Hour);
        }
        var clock = new IndexClock();
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), clock);
        Assert.Equal([10L, 11, 12, 13, 14], await related.IdsAsync(1, 5, CancellationToken.None));

        // On the thread, but farther than all five: the full list stands.
        await StoryAsync(db, 20, TestModels.Vector(0.55, 3), Now, Now + 1000);
        await RefreshAsync(related, clock);
        Assert.Contains(1L, related.KeptListIds());
        Assert.Equal([10L, 11, 12, 13, 14], await related.IdsAsync(1, 5, CancellationToken.None));

        // Nearer than the fourth: it takes its place and the last drops off.
        await StoryAsync(db, 21, TestModels.Vector(0.78, 3), Now, Now + 2000);
        await RefreshAsync(related, clock);
        Assert.Equal([10L, 11, 12, 21, 13], await related.IdsAsync(1, 5, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_merged_story_leaves_every_list_at_the_next_refresh_and_its_survivor_takes_its_place(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now);
        await StoryAsync(db, 2, TestModels.Vector(0.85, 3), Now, Now);
        await StoryAsync(db, 3, TestModels.Vector(0.8, 3), Now - Hour, Now);
        // The survivor is on another topic until it takes story 2's articles.
        await StoryAsync(db, 4, TestModels.Vector(0.1, 6), Now - Hour, Now);
        var clock = new IndexClock();
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), clock);
        Assert.Equal([2L, 3], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Equal([2L, 1], await related.IdsAsync(3, 5, CancellationToken.None));

        // Grouping merges story 2 into story 4, which takes its articles; stories 1 and 3 do not change.
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET status = 'merged', merged_into = 4, last_updated = @u WHERE id = 2", CancellationToken.None, ("u", Now + 1000));
        }
        await RegroupAsync(db, 4, TestModels.Vector(0.86, 3), Now + 1000);
        await RefreshAsync(related, clock);

        Assert.Equal([4L, 3], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Equal([4L, 1], await related.IdsAsync(3, 5, CancellationToken.None));
        Assert.Equal(3, related.Count);
        Assert.Equal([4L, 3], (await new StoryStore(db, TimeProvider.System).RelatedAsync(1, CancellationToken.None)).Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_that_loses_its_embedding_leaves_every_list_and_is_answered_without_one(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now);
        await StoryAsync(db, 2, TestModels.Vector(0.85, 3), Now, Now);
        await StoryAsync(db, 3, TestModels.Vector(0.8, 3), Now - Hour, Now);
        var clock = new IndexClock();
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), clock);
        Assert.Equal([2L, 3], await related.IdsAsync(1, 5, CancellationToken.None));

        await RegroupAsync(db, 2, null, Now + 1000);
        await RefreshAsync(related, clock);

        Assert.Equal([3L], await related.IdsAsync(1, 5, CancellationToken.None));
        // Without a centroid there is nothing to judge it by: no list, as against an empty one.
        Assert.Null(await related.IdsAsync(2, 5, CancellationToken.None));
        Assert.Equal(2, related.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_member_whose_title_is_rewritten_away_from_the_thread_leaves_the_list_at_the_next_refresh(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now, "Federal Reserve keeps interest rates near zero");
        await StoryAsync(db, 2, TestModels.Vector(0.85, 3), Now, Now, "Federal Reserve chair defends interest rates");
        var store = new StoryStore(db, TimeProvider.System);
        var clock = new IndexClock();
        var related = new RelatedStories(store, clock);
        Assert.Equal([2L], await related.IdsAsync(1, 5, CancellationToken.None));

        // The writing stage titles story 2 with markup and nothing story 1 names.
        var state = new StoryStore.StoryState(2, 1, 1, 1, null, null, null, null, null, HasTitle: true);
        var written = new WrittenStory("<script>alert('Wednesday')</script> Markets wait", -1, [new SummarySentence("Markets waited.", 0)], WrittenStory.Extractive);
        await store.SaveWritingAsync(state, written, [42], DateTimeOffset.FromUnixTimeMilliseconds(Now), CancellationToken.None);
        await RefreshAsync(related, clock);

        Assert.Empty(await related.IdsAsync(1, 5, CancellationToken.None) ?? []);
        Assert.Empty(await related.IdsAsync(2, 5, CancellationToken.None) ?? []);
    }

    /// <summary>The links of a story page's "More on this topic", in order.</summary>
    private static List<long> RelatedLinks(string html)
    {
        var at = html.IndexOf("<ul class=\"related\">", StringComparison.Ordinal);
        if (at < 0)
        {
            return [];
        }
        var section = html[at..html.IndexOf("</ul>", at, StringComparison.Ordinal)];
        return System.Text.RegularExpressions.Regex.Matches(section, "<li><a href=\"/story/(\\d+)\"")
            .Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>A site whose story pages read "More on this topic" from an index on <paramref name="clock"/>, pages not kept.</summary>
    private static Task<SiteFixture> SiteWithIndexAsync(IndexClock clock) =>
        SiteFixture.CreateAsync(o => o.StoryPageCacheSeconds = 0,
            s => s.AddSingleton(sp => new RelatedStories(sp.GetRequiredService<StoryStore>(), clock)));

    private static Task CentroidAsync(SiteFixture site, long id, float[] centroid) =>
        site.ExecuteAsync("UPDATE stories SET centroid = @c WHERE id = @id", ("c", TextEmbedder.ToBytes(centroid)), ("id", id));

    [Fact]
    public async Task A_story_whose_centroid_finds_no_related_story_lists_none_even_where_titles_share_words()
    {
        var clock = new IndexClock();
        await using var site = await SiteWithIndexAsync(clock);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(Now);
        // "Games" and "ban" in every title, and nothing else in common: a match of words would list them all.
        var olympics = await site.AddStoryAsync("Olympic committee bans Russia from the Winter Games", 6.0, at);
        var others = new List<long>
        {
            await site.AddStoryAsync("Rivalry games disrupted by climate protest", 3.0, at.AddMinutes(-5)),
            await site.AddStoryAsync("City council votes to ban plastic bags at games", 2.0, at.AddMinutes(-10)),
        };
        await CentroidAsync(site, olympics, TestModels.Vector(0.95, 3));
        for (var i = 0; i < others.Count; i++)
        {
            await CentroidAsync(site, others[i], TestModels.Vector(0, 20 + i));
        }
        var related = site.Site.Services.GetRequiredService<RelatedStories>();

        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<long>>(await related.IdsAsync(olympics, 5, CancellationToken.None)));
        var (status, html, _) = await site.GetAsync($"/story/{olympics}");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Empty(RelatedLinks(html));
        var api = await site.JsonAsync($"/api/stories/{olympics}");
        Assert.Equal(0, api.GetProperty("related").GetArrayLength());

        // A story without a centroid (grouped before centroids were kept) has nothing to judge by: the words of its title
        // still find its neighbours.
        await site.ExecuteAsync("UPDATE stories SET centroid = NULL, last_updated = last_updated + 1000 WHERE id = @id", ("id", olympics));
        await RefreshAsync(related, clock);
        Assert.Null(await related.IdsAsync(olympics, 5, CancellationToken.None));
        (_, html, _) = await site.GetAsync($"/story/{olympics}");
        Assert.NotEmpty(RelatedLinks(html));
    }

    [Fact]
    public async Task The_story_page_puts_the_next_story_in_place_of_a_deleted_one_at_once_and_shows_a_markup_title_as_text()
    {
        var clock = new IndexClock();
        await using var site = await SiteWithIndexAsync(clock);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(Now);
        var anchor = await site.AddStoryAsync(OnTopic, 6.0, at);
        await CentroidAsync(site, anchor, TestModels.Vector(0.95, 3));
        // Six stories on the thread for five places; the farthest, left out, has a title made of markup.
        var others = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var title = i == 5 ? $"<img src=x onerror=alert(1)> {OnTopic}" : OnTopic;
            var id = await site.AddStoryAsync(title, 5.0, at.AddMinutes(-1 - i));
            await CentroidAsync(site, id, TestModels.Vector(0.9 - i * 0.05, 3));
            others.Add(id);
        }
        var related = site.Site.Services.GetRequiredService<RelatedStories>();

        var (status, html, _) = await site.GetAsync($"/story/{anchor}");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var shown = RelatedLinks(html);
        Assert.Equal(others.Take(5), shown);
        Assert.DoesNotContain("onerror", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        var waiting = others[5];

        // An operator deletes a listed story by hand: no refresh can see a row that is gone.
        await site.ExecuteAsync("DELETE FROM stories WHERE id = @id", ("id", shown[1]));
        (status, html, _) = await site.GetAsync($"/story/{anchor}");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var now = RelatedLinks(html);
        Assert.Equal(5, now.Count);
        Assert.DoesNotContain(shown[1], now);
        Assert.Contains(waiting, now);
        // The markup title is shown as its words: no element of it reaches the page.
        Assert.Matches($"<li><a href=\"/story/{waiting}\"><span class=\"score\">5\\.0</span>[^<]*{OnTopic}</a>", html);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain(shown[1], Assert.IsAssignableFrom<IReadOnlyList<long>>(await related.IdsAsync(anchor, 5, CancellationToken.None)));
        var api = await site.JsonAsync($"/api/stories/{anchor}");
        Assert.Equal(now, api.GetProperty("related").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList());

        // The deleted story's own page, and one that never was, are not found rather than an error.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await site.GetAsync($"/story/{shown[1]}")).Status);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await site.GetAsync("/story/99999999999999999999")).Status);
    }
}
