using Salient.Embeddings;
using Salient.Storage;
using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

public sealed class StoryThreadsTests
{
    private const long Day = 86_400_000;
    private const long Start = 1_780_000_000_000;

    private static ThreadProfile Story(long id, double towardsTopic, int seed, string title, long day, long? thread = null) =>
        ThreadProfile.Of(id, TestModels.Vector(towardsTopic, seed), Start + day * Day, Start + day * Day + Day / 2, title, title, thread)!;

    /// <summary>Stories of the same weeks on other subjects, so that a common word weighs little.</summary>
    private static IEnumerable<ThreadProfile> Background() =>
    [
        Story(20, 0.1, 20, "Wildfire forces evacuations in northern California", 0),
        Story(21, 0.1, 21, "Senate passes infrastructure bill after long debate", 2),
        Story(22, 0.1, 22, "Floods hit central Germany", 5),
        Story(23, 0.1, 23, "Vaccine maker reports strong quarter", 8),
        Story(24, 0.1, 24, "Minneapolis schools reopen after the holidays", 3),
    ];

    [Fact]
    public void A_story_days_later_that_shares_the_names_is_linked_and_one_that_only_reads_alike_or_is_too_late_is_not()
    {
        var trial = Story(1, 0.8, 1, "Derek Chauvin murder trial opens in Minneapolis", 0);
        var verdict = Story(2, 0.8, 2, "Jury finds Derek Chauvin guilty of murder", 6);
        // As near in embedding as the verdict, but about another matter of the same theme: no name in common.
        var reform = Story(3, 0.8, 3, "Police reform bill stalls in Congress", 5);
        var appeal = Story(4, 0.8, 4, "Derek Chauvin appeals his murder conviction", 6 + 31);
        var all = new[] { trial, verdict, reform, appeal }.Concat(Background()).ToList();
        var counts = new TermCounts();
        all.ForEach(p => counts.Add(p.Terms));

        Assert.True(ThreadRule.Links(verdict, trial, counts));
        Assert.False(ThreadRule.Links(reform, trial, counts));
        Assert.False(ThreadRule.Links(reform, verdict, counts));
        // 31 days after the verdict: beyond the horizon, though every name is shared.
        Assert.False(ThreadRule.Links(appeal, verdict, counts));
        // The same names with an embedding far off are not enough either.
        Assert.False(ThreadRule.Links(Story(5, 0.2, 5, "Derek Chauvin murder trial opens in Minneapolis", 1), trial, counts));
    }

    [Fact]
    public void A_thread_is_the_chain_of_links_and_takes_the_oldest_id()
    {
        // a–b and b–c are linked, a–c share too little: still one thread, under a's id.
        var a = Story(7, 0.8, 1, "Armenia and Azerbaijan clash over Nagorno-Karabakh", 0);
        var b = Story(5, 0.8, 2, "Ceasefire in Nagorno-Karabakh after Russia brokers talks", 4);
        var c = Story(9, 0.8, 3, "Russia sends peacekeepers under the ceasefire deal", 9);
        var counts = new TermCounts();
        new[] { a, b, c }.Concat(Background()).ToList().ForEach(p => counts.Add(p.Terms));

        var threads = ThreadRule.Replay([a, b, c, .. Background()], counts);

        Assert.Equal(5, threads[7]);
        Assert.Equal(5, threads[5]);
        Assert.Equal(5, threads[9]);
        Assert.Equal(20, threads[20]);
        Assert.Equal(5, ThreadRule.ThreadOf(c with { ThreadId = null }, [a with { ThreadId = 7 }, b with { ThreadId = 5 }]));
        Assert.Null(ThreadRule.ThreadOf(c, []));
    }

    private static async Task<long> InsertAsync(TestDatabase t, string title, long day, float[] centroid, long? thread = null)
    {
        await using var conn = await t.Database.OpenAsync(CancellationToken.None);
        return await Sql.LongAsync(conn, null, """
            INSERT INTO stories (status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, title, centroid, version, thread_id)
            VALUES ('open', @f, @l, @f, @l, 2, 2, @title, @c, 1, @thread) RETURNING id
            """, CancellationToken.None, ("f", Start + day * Day), ("l", Start + day * Day + Day / 2), ("title", title), ("c", TextEmbedder.ToBytes(centroid)), ("thread", thread));
    }

    private static async Task<long?> ThreadAsync(TestDatabase t, long id)
    {
        await using var conn = await t.Database.OpenAsync(CancellationToken.None);
        var rows = await Sql.QueryAsync(conn, null, "SELECT thread_id FROM stories WHERE id = @id", r => r.Long("thread_id"), CancellationToken.None, ("id", id));
        return rows.Single();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Stories_of_one_topic_days_apart_are_filed_in_one_thread_and_others_in_none(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        var ct = CancellationToken.None;
        var trial = await InsertAsync(t, "Derek Chauvin murder trial opens in Minneapolis", 0, TestModels.Vector(0.8, 1));
        var fire = await InsertAsync(t, "Wildfire forces evacuations in northern California", 0, TestModels.Vector(0.1, 20));
        await store.LinkThreadsAsync([trial, fire], ct);
        Assert.Null(await ThreadAsync(t, trial));

        var bill = await InsertAsync(t, "Senate passes infrastructure bill after long debate", 4, TestModels.Vector(0.1, 21));
        var verdict = await InsertAsync(t, "Jury finds Derek Chauvin guilty of murder", 6, TestModels.Vector(0.8, 2));
        var reform = await InsertAsync(t, "Police reform bill stalls in Congress", 6, TestModels.Vector(0.8, 3));
        var linked = await store.LinkThreadsAsync([bill, verdict, reform], ct);

        Assert.Equal(trial, linked[verdict]);
        Assert.Equal(trial, await ThreadAsync(t, trial));
        Assert.Equal(trial, await ThreadAsync(t, verdict));
        Assert.Null(await ThreadAsync(t, reform));
        Assert.Null(await ThreadAsync(t, fire));
        Assert.Null(await ThreadAsync(t, bill));

        // Linking again changes nothing; a story 40 days on is beyond the horizon.
        await store.LinkThreadsAsync([verdict, trial], ct);
        var appeal = await InsertAsync(t, "Derek Chauvin appeals his murder conviction", 46, TestModels.Vector(0.8, 4));
        await store.LinkThreadsAsync([appeal], ct);
        Assert.Equal(trial, await ThreadAsync(t, verdict));
        Assert.Null(await ThreadAsync(t, appeal));
        // An unknown id and an empty batch are no error.
        Assert.Empty(await store.LinkThreadsAsync([987_654], ct));
        Assert.Empty(await store.LinkThreadsAsync([], ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task When_a_story_joins_two_threads_the_older_thread_id_wins_and_every_story_of_the_younger_moves(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        // Two threads as stored: one on the talks in Vienna, one on the enrichment at Natanz.
        var talks1 = await InsertAsync(t, "Iran nuclear talks resume in Vienna", 0, TestModels.Vector(0.8, 1));
        var talks2 = await InsertAsync(t, "Vienna talks on Iran deal adjourn", 5, TestModels.Vector(0.8, 2), thread: talks1);
        await using (var conn = await t.Database.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET thread_id = @t WHERE id = @t", CancellationToken.None, ("t", talks1));
        }
        var natanz1 = await InsertAsync(t, "Explosion damages centrifuges at Natanz", 3, TestModels.Vector(0.8, 3));
        var natanz2 = await InsertAsync(t, "Natanz enrichment restarts after blast", 8, TestModels.Vector(0.8, 4), thread: natanz1);
        await using (var conn = await t.Database.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET thread_id = @t WHERE id = @t", CancellationToken.None, ("t", natanz1));
        }
        await InsertAsync(t, "Wildfire forces evacuations in northern California", 4, TestModels.Vector(0.1, 20));
        await InsertAsync(t, "Floods hit central Germany", 6, TestModels.Vector(0.1, 21));

        var bridge = await InsertAsync(t, "Vienna talks stall over Natanz enrichment", 10, TestModels.Vector(0.8, 5));
        var linked = await store.LinkThreadsAsync([bridge], CancellationToken.None);

        Assert.Equal(talks1, linked[bridge]);
        foreach (var id in new[] { talks1, talks2, natanz1, natanz2, bridge })
        {
            Assert.Equal(talks1, await ThreadAsync(t, id));
        }
    }
}
