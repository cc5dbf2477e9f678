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

    /// <summary>A unit vector from weights on a few axes.</summary>
    private static float[] Mix(params (int Axis, double Weight)[] parts)
    {
        var v = new float[TextEmbedder.Dimensions];
        foreach (var (axis, weight) in parts)
        {
            v[axis] = (float)weight;
        }
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return [.. v.Select(x => (float)(x / norm))];
    }

    private static ThreadProfile Story(long id, float[] vector, string title, long day, long? thread = null) =>
        ThreadProfile.Of(id, vector, Start + day * Day, Start + day * Day + Day / 2, title, title, thread)!;

    [Fact]
    public void A_story_linked_only_to_the_end_of_a_chain_stays_out_of_a_thread_it_does_not_match_as_a_whole()
    {
        // The trial and the verdict are one thread (id 1).
        var trial = Story(1, Mix((0, 1)), "Derek Chauvin murder trial opens in Minneapolis", 0, thread: 1);
        var verdict = Story(2, Mix((0, 0.8), (1, 0.6)), "Jury finds Derek Chauvin guilty of murder", 6, thread: 1);
        // Near the verdict (cosine 0.70) and sharing its names, but far from the trial: the thread would drift through it.
        var rallies = Story(3, Mix((0, 0.2), (1, 0.9), (2, 0.387)), "Chauvin guilty verdict sparks rallies across Portland", 8);
        // Near both: the thread as a whole.
        var appeal = Story(4, Mix((0, 0.9), (1, 0.35), (3, 0.26)), "Derek Chauvin appeals his murder conviction", 9);
        var counts = new TermCounts();
        new[] { trial, verdict, rallies, appeal }.Concat(Background()).ToList().ForEach(p => counts.Add(p.Terms));
        var others = new[] { trial, verdict }.Concat(Background()).ToList();

        Assert.True(ThreadRule.Links(rallies, verdict, counts));
        Assert.False(ThreadRule.Links(rallies, trial, counts));
        Assert.Equal(ThreadDecision.None, ThreadRule.Decide(rallies, others, counts));
        // Under the chain rule (a link to any member is enough) it would have joined.
        Assert.Equal(1, ThreadRule.Decide(rallies, others, counts, ThreadSettings.Default with { Recent = 0 }).Thread);

        var joins = ThreadRule.Decide(appeal, others, counts);
        Assert.Equal(1, joins.Thread);
        Assert.Equal([4L], joins.Joined);
        Assert.Empty(joins.Moved);
    }

    [Fact]
    public void Two_stories_that_share_a_name_but_lie_only_loosely_near_are_not_linked()
    {
        // The same governor in two matters: the names match, the centroids lie at a cosine of 0.55, below the floor.
        var ballots = Story(30, Mix((0, 1)), "DeSantis signs Florida ballot law", 0);
        var platforms = Story(31, Mix((0, 0.55), (1, Math.Sqrt(1 - 0.55 * 0.55))), "DeSantis signs Florida law on social media platforms", 3);
        var counts = new TermCounts();
        new[] { ballots, platforms }.Concat(Background()).ToList().ForEach(p => counts.Add(p.Terms));

        Assert.False(ThreadRule.Links(platforms, ballots, counts));
        // The floor of 0.5 the rule had before linked them.
        Assert.True(ThreadRule.Links(platforms, ballots, counts, ThreadSettings.Default with { MinSimilarity = 0.5 }));
    }

    [Fact]
    public void A_thread_takes_the_oldest_id_and_a_replay_keeps_a_drifting_story_out()
    {
        var a = Story(7, Mix((0, 0.8), (1, 0.6)), "Armenia and Azerbaijan clash over Nagorno-Karabakh", 0);
        var b = Story(5, Mix((0, 0.8), (2, 0.6)), "Fighting in Nagorno-Karabakh as Armenia and Azerbaijan trade fire", 4);
        var c = Story(9, Mix((0, 0.8), (3, 0.6)), "Russia brokers Nagorno-Karabakh ceasefire", 9);
        // Linked to c alone by "Russia" and "ceasefire"; about another matter.
        var drift = Story(11, Mix((0, 0.35), (3, 0.7), (4, 0.62)), "Russia ceasefire monitors reach Syria", 12);
        var all = new[] { a, b, c, drift }.Concat(Background()).ToList();
        var counts = new TermCounts();
        all.ForEach(p => counts.Add(p.Terms));

        var threads = ThreadRule.Replay(all, counts);

        Assert.True(ThreadRule.Links(drift, c, counts));
        Assert.Equal(5, threads[7]);
        Assert.Equal(5, threads[5]);
        Assert.Equal(5, threads[9]);
        Assert.Equal(11, threads[11]);
        Assert.Equal(20, threads[20]);
        Assert.Equal(5, ThreadRule.ThreadOf(c with { ThreadId = null }, [a with { ThreadId = 7 }, b with { ThreadId = 5 }]));
        Assert.Null(ThreadRule.ThreadOf(c, []));
    }

    [Fact]
    public void Odd_stories_neither_throw_nor_link_and_a_thread_of_hundreds_is_judged_by_its_nearest_members()
    {
        var trial = Story(1, Mix((0, 1)), "Derek Chauvin murder trial opens in Minneapolis", 0);
        var counts = new TermCounts();
        counts.Add(trial.Terms);
        // Nothing around; a centroid of another size; a title of markup and nothing but stop words; a story 31 days off.
        Assert.Equal(ThreadDecision.None, ThreadRule.Decide(trial, [], counts));
        var shortVector = ThreadProfile.Of(2, [1f, 0f, 0f], Start, Start, "Derek Chauvin murder trial", null, 9)!;
        var markup = Story(3, Mix((0, 1)), "<script>alert('Chauvin')</script> <b>the of and</b>", 1);
        var late = Story(4, Mix((0, 1)), "Derek Chauvin murder trial opens in Minneapolis", 40, thread: 4);
        counts.Add(markup.Terms);
        var decision = ThreadRule.Decide(trial, [shortVector, markup, late, trial], counts);
        Assert.Null(decision.Thread);
        Assert.Null(ThreadProfile.Of(5, [0f, 0f], Start, Start, "Zero", null, null));
        Assert.Null(ThreadProfile.Of(6, [float.NaN, 1f], Start, Start, "Not a number", null, null));

        // A thread of 300 stories whose older members drifted away: only the 3 nearest in time stand for it.
        var thread = Enumerable.Range(0, 300).Select(i => Story(100 + i, i < 297 ? Mix((5, 1)) : Mix((0, 1)),
            i < 297 ? "Minneapolis city council budget vote" : "Derek Chauvin murder trial hears witnesses", 1 + i / 30, thread: 100)).ToList();
        var verdict = Story(1000, Mix((0, 0.9), (1, 0.44)), "Jury finds Derek Chauvin guilty of murder", 10);
        thread.ForEach(p => counts.Add(p.Terms));
        counts.Add(verdict.Terms);
        var joined = ThreadRule.Decide(verdict, thread, counts);
        Assert.Equal(100, joined.Thread);
        Assert.Equal([1000L], joined.Joined);
        // The same thread with the trial's stories oldest and the council's nearest: linked to the trial's, yet not joined.
        var drifted = thread.Select(p => p with { FirstPublished = Start + (p.Id < 397 ? 10 : 1) * Day, LastPublished = Start + (p.Id < 397 ? 10 : 1) * Day }).ToList();
        Assert.True(ThreadRule.Links(verdict, drifted[^1], counts));
        Assert.Equal(ThreadDecision.None, ThreadRule.Decide(verdict, drifted, counts));
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

    private static async Task FileAsync(TestDatabase t, long thread, params long[] ids)
    {
        await using var conn = await t.Database.OpenAsync(CancellationToken.None);
        foreach (var id in ids)
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET thread_id = @t WHERE id = @id", CancellationToken.None, ("t", thread), ("id", id));
        }
    }

    private static async Task BackgroundAsync(TestDatabase t)
    {
        var i = 40;
        foreach (var title in new[]
                 {
                     "Wildfire forces evacuations in northern California", "Floods hit central Germany", "Senate passes infrastructure bill after long debate",
                     "Vaccine maker reports strong quarter", "Minneapolis schools reopen after the holidays", "Drought grips the American West",
                 })
        {
            await InsertAsync(t, title, i % 9, TestModels.Vector(0.1, i++));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_linked_to_two_threads_joins_the_one_it_matches_best_and_never_joins_threads_that_do_not_match_each_other(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        // Two threads as stored: one on the talks in Vienna, one on the enrichment at Natanz.
        var talks1 = await InsertAsync(t, "Iran nuclear talks resume in Vienna", 0, Mix((0, 0.8), (1, 0.6)));
        var talks2 = await InsertAsync(t, "Vienna talks on Iran deal adjourn", 5, Mix((0, 0.8), (2, 0.6)));
        await FileAsync(t, talks1, talks1, talks2);
        var natanz1 = await InsertAsync(t, "Explosion damages centrifuges at Natanz", 3, Mix((0, 0.6), (3, 0.8)));
        var natanz2 = await InsertAsync(t, "Natanz enrichment restarts after blast", 8, Mix((0, 0.6), (3, 0.6), (4, 0.53)));
        await FileAsync(t, natanz1, natanz1, natanz2);
        await BackgroundAsync(t);

        // One weak link to each: the bridge lies nearer the talks, and the two threads share no name.
        var bridge = await InsertAsync(t, "Vienna talks stall over Natanz enrichment", 10, Mix((0, 0.85), (1, 0.3), (2, 0.3), (3, 0.3)));
        var linked = await store.LinkThreadsAsync([bridge], CancellationToken.None);

        Assert.Equal(talks1, linked[bridge]);
        Assert.Equal(talks1, await ThreadAsync(t, bridge));
        Assert.Equal(talks1, await ThreadAsync(t, talks2));
        Assert.Equal(natanz1, await ThreadAsync(t, natanz1));
        Assert.Equal(natanz1, await ThreadAsync(t, natanz2));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task When_a_story_joins_two_threads_that_match_each_other_the_older_thread_id_wins_and_every_story_of_the_younger_moves(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        var (older, younger) = await TwoThreadsOfTheTalksAsync(t);
        await BackgroundAsync(t);

        var bridge = await InsertAsync(t, "Iran nuclear talks in Vienna near a deal", 12, Mix((0, 0.9), (1, 0.25), (3, 0.25)));
        var linked = await store.LinkThreadsAsync([bridge], CancellationToken.None);

        Assert.Equal(older[0], linked[bridge]);
        foreach (var id in older.Concat(younger).Append(bridge))
        {
            Assert.Equal(older[0], await ThreadAsync(t, id));
        }
    }

    /// <summary>Two threads on the Vienna talks, filed apart as a store may hold them: the older one first.</summary>
    private static async Task<(long[] Older, long[] Younger)> TwoThreadsOfTheTalksAsync(TestDatabase t)
    {
        var o1 = await InsertAsync(t, "Iran nuclear talks resume in Vienna", 0, Mix((0, 0.8), (1, 0.6)));
        var o2 = await InsertAsync(t, "Vienna talks on Iran nuclear deal adjourn", 5, Mix((0, 0.8), (1, 0.5), (2, 0.33)));
        await FileAsync(t, o1, o1, o2);
        var y1 = await InsertAsync(t, "Iran nuclear talks in Vienna stall over Natanz", 8, Mix((0, 0.8), (3, 0.6)));
        var y2 = await InsertAsync(t, "Natanz enrichment row stalls Iran nuclear talks", 10, Mix((0, 0.8), (3, 0.5), (4, 0.33)));
        await FileAsync(t, y1, y1, y2);
        return ([o1, o2], [y1, y2]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Two_workers_linking_at_once_do_not_miss_each_others_links_the_one_that_wrote_second_reads_again(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        var (older, younger) = await TwoThreadsOfTheTalksAsync(t);
        await BackgroundAsync(t);
        // One worker scores a story of the Natanz side (linked to the younger thread only); another, at the same moment, a
        // story that joins the two threads. The second worker's whole pass runs between the first one's reading and writing.
        var natanz = await InsertAsync(t, "Natanz enrichment restarts after blast", 12, Mix((0, 0.8), (3, 0.55), (5, 0.24)));
        var bridge = await InsertAsync(t, "Iran nuclear talks in Vienna near a deal", 12, Mix((0, 0.9), (1, 0.25), (3, 0.25)));
        var passes = 0;
        var linked = await store.LinkThreadsAsync([natanz], CancellationToken.None, beforeWrite: async ct =>
        {
            if (passes++ == 0)
            {
                Assert.Equal(older[0], (await store.LinkThreadsAsync([bridge], ct))[bridge]);
            }
        });

        // The first worker read the younger thread's id, which the other pass then moved: it read again, and files its story in the joined thread.
        Assert.Equal(older[0], linked[natanz]);
        foreach (var id in older.Concat(younger).Append(bridge).Append(natanz))
        {
            Assert.Equal(older[0], await ThreadAsync(t, id));
        }
        Assert.Equal(2, passes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_pass_whose_reading_another_pass_overtook_writes_nothing_and_reads_again_even_when_it_had_nothing_to_write(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        var (older, _) = await TwoThreadsOfTheTalksAsync(t);
        var bridge = await InsertAsync(t, "Iran nuclear talks in Vienna near a deal", 12, Mix((0, 0.9), (1, 0.25), (3, 0.25)));
        var fire = await InsertAsync(t, "Wildfire forces evacuations in northern California", 12, TestModels.Vector(0.1, 20));
        var passes = 0;
        var linked = await store.LinkThreadsAsync([fire], CancellationToken.None, beforeWrite: async ct =>
        {
            if (passes++ == 0)
            {
                await store.LinkThreadsAsync([bridge], ct);
            }
        });

        Assert.Equal(2, passes);
        Assert.Empty(linked);
        Assert.Null(await ThreadAsync(t, fire));
        Assert.Equal(older[0], await ThreadAsync(t, bridge));
    }

    /// <summary>What a re-scored story now holds after it grew, took a merge or was retitled: another title and centroid.</summary>
    private static async Task ChangeAsync(TestDatabase t, long id, string title, float[] centroid)
    {
        await using var conn = await t.Database.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET title = @title, centroid = @c WHERE id = @id", CancellationToken.None,
            ("title", title), ("c", TextEmbedder.ToBytes(centroid)), ("id", id));
    }

    /// <summary>Three stories of the trial filed in one thread, as linking files them, and the background of their weeks.</summary>
    private static async Task<long[]> TrialThreadAsync(TestDatabase t, StoryStore store)
    {
        await BackgroundAsync(t);
        var ids = new List<long>();
        foreach (var (title, day, seed) in new[]
                 {
                     ("Derek Chauvin murder trial opens in Minneapolis", 0L, 1), ("Jury finds Derek Chauvin guilty of murder", 6L, 2),
                     ("Derek Chauvin sentenced for murder of George Floyd", 10L, 3),
                 })
        {
            var id = await InsertAsync(t, title, day, TestModels.Vector(0.8, seed));
            await store.LinkThreadsAsync([id], CancellationToken.None);
            ids.Add(id);
        }
        foreach (var id in ids)
        {
            Assert.Equal(ids[0], await ThreadAsync(t, id));
        }
        return [.. ids];
    }

    [Fact]
    public void A_story_in_a_thread_leaves_it_when_it_no_longer_matches_the_others_and_stays_while_it_does()
    {
        var trial = Story(1, Mix((0, 1)), "Derek Chauvin murder trial opens in Minneapolis", 0, thread: 1);
        var verdict = Story(2, Mix((0, 0.8), (1, 0.6)), "Jury finds Derek Chauvin guilty of murder", 6, thread: 1);
        var sentence = Story(3, Mix((0, 0.9), (1, 0.44)), "Derek Chauvin sentenced for murder", 9, thread: 1);
        // The same story after a merge took it to another subject: its centroid and title moved.
        var drifted = Story(3, Mix((6, 1)), "Wildfire forces evacuations in northern Minnesota", 9, thread: 1);
        var counts = new TermCounts();
        new[] { trial, verdict, sentence, drifted }.Concat(Background()).ToList().ForEach(p => counts.Add(p.Terms));
        var others = new[] { trial, verdict }.Concat(Background()).ToList();

        var stays = ThreadRule.Decide(sentence, others, counts);
        Assert.Equal(1, stays.Thread);
        Assert.Null(stays.Left);
        Assert.Empty(stays.Joined);
        var leaves = ThreadRule.Decide(drifted, others, counts);
        Assert.Null(leaves.Thread);
        Assert.Equal(1, leaves.Left);
        // Told to stay forever (the rule before), it stays.
        Assert.Equal(1, ThreadRule.Decide(drifted, others, counts, ThreadSettings.Default with { Leave = false }).Thread);
        // A thread's first story that drifted leaves too: the others are judged as the thread without it.
        var firstDrifted = Story(1, Mix((6, 1)), "Wildfire forces evacuations in northern Minnesota", 0, thread: 1);
        Assert.Equal(1, ThreadRule.Decide(firstDrifted, [verdict, sentence], counts).Left);
        // With none of its thread within the horizon it has nothing to match: it leaves.
        Assert.Equal(1, ThreadRule.Decide(sentence, Background().ToList(), counts).Left);
    }

    [Fact]
    public void A_replay_of_a_story_that_grows_off_its_thread_takes_it_out_and_a_thread_left_with_one_story_is_none()
    {
        var trial = Story(1, Mix((0, 1)), "Derek Chauvin murder trial opens in Minneapolis", 0);
        var verdict = Story(2, Mix((0, 0.8), (1, 0.6)), "Jury finds Derek Chauvin guilty of murder", 6);
        // The verdict's story as it grew: articles on the fires took it over, and its written title followed them.
        var grown = Story(2, Mix((6, 1)), "Wildfire forces evacuations in northern Minnesota", 6) with { LastPublished = Start + 8 * Day };
        var counts = new TermCounts();
        new[] { trial, verdict, grown }.Concat(Background()).ToList().ForEach(p => counts.Add(p.Terms));

        var once = ThreadRule.Replay([trial, verdict], counts);
        Assert.Equal(1, once[2]);
        var replay = ThreadRule.Replay([trial, verdict, grown], counts);
        Assert.Equal(2, replay[2]);
        Assert.Equal(1, replay[1]);
        Assert.Equal(1, ThreadRule.Replay([trial, verdict, grown], counts, ThreadSettings.Default with { Leave = false })[2]);
        Assert.Equal(2, replay.Count);
        // When the thread's first story is the one that leaves, the thread left behind takes the smallest id of the others.
        var sentence = Story(3, Mix((0, 0.9), (1, 0.44)), "Derek Chauvin sentenced for murder", 9);
        var trialGrown = Story(1, Mix((6, 1)), "Wildfire forces evacuations in northern Minnesota", 0) with { LastPublished = Start + 12 * Day };
        counts.Add(sentence.Terms);
        var firstLeft = ThreadRule.Replay([trial, verdict, sentence, trialGrown], counts);
        Assert.Equal(1, firstLeft[1]);
        Assert.Equal(2, firstLeft[2]);
        Assert.Equal(2, firstLeft[3]);
    }

    [Fact]
    public void The_measured_variants_of_leaving_keep_a_drifting_story_one_re_link_longer_or_under_lower_staying_floors()
    {
        var trial = Story(1, Mix((0, 1)), "Derek Chauvin murder trial opens in Minneapolis", 0);
        var verdict = Story(2, Mix((0, 0.8), (1, 0.6)), "Jury finds Derek Chauvin guilty of murder", 6);
        var grown = Story(2, Mix((6, 1)), "Wildfire forces evacuations in northern Minnesota", 6) with { LastPublished = Start + 8 * Day };
        var grownAgain = grown with { LastPublished = Start + 9 * Day };
        // Near the thread but below the joining floors: cosine 0.45 to the trial, names of the trial kept.
        var loosened = Story(2, Mix((0, 0.45), (1, 0.3), (7, 0.84)), "Derek Chauvin murder trial jurors questioned", 6) with { LastPublished = Start + 8 * Day };
        var counts = new TermCounts();
        new[] { trial, verdict, grown, loosened }.Concat(Background()).ToList().ForEach(p => counts.Add(p.Terms));
        var twice = ThreadSettings.Default with { LeaveAfter = 2 };

        // One re-link off the thread is not enough under two strikes; a second one in a row is.
        Assert.Equal(1, ThreadRule.Replay([trial, verdict, grown], counts, twice)[2]);
        Assert.Equal(2, ThreadRule.Replay([trial, verdict, grown, grownAgain], counts, twice)[2]);
        // A miss and then a match start the count again.
        Assert.Equal(1, ThreadRule.Replay([trial, verdict, grown, verdict with { LastPublished = Start + 9 * Day }, grownAgain with { LastPublished = Start + 10 * Day }], counts, twice)[2]);
        // Lower staying floors keep a story that the joining floors would let go; the far drift leaves under both.
        Assert.False(ThreadRule.Links(loosened, trial, counts));
        Assert.Equal(2, ThreadRule.Replay([trial, verdict, loosened], counts)[2]);
        var low = ThreadSettings.Default with { StaySimilarity = 0.3, StayLexical = 0.1 };
        Assert.Equal(1, ThreadRule.Replay([trial, verdict, loosened], counts, low)[2]);
        Assert.Equal(2, ThreadRule.Replay([trial, verdict, grown], counts, low)[2]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_that_drifts_off_its_thread_leaves_it_and_the_others_stay(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        var (trial, verdict, sentence) = await TrialThreadAsync(t, store) is var ids ? (ids[0], ids[1], ids[2]) : default;

        // Linked again unchanged, it stays.
        Assert.Equal(trial, (await store.LinkThreadsAsync([sentence], CancellationToken.None))[sentence]);
        await ChangeAsync(t, sentence, "Wildfire forces evacuations in northern Minnesota", TestModels.Vector(0.1, 60));
        var linked = await store.LinkThreadsAsync([sentence], CancellationToken.None);

        Assert.False(linked.ContainsKey(sentence));
        Assert.Null(await ThreadAsync(t, sentence));
        Assert.Equal(trial, await ThreadAsync(t, trial));
        Assert.Equal(trial, await ThreadAsync(t, verdict));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task When_a_threads_first_story_leaves_the_thread_takes_the_next_id_and_the_leaver_may_start_a_thread_of_its_own(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        var (trial, verdict, sentence) = await TrialThreadAsync(t, store) is var ids ? (ids[0], ids[1], ids[2]) : default;

        // Follows of the thread made on the trial, one by an address that follows it through the verdict too; a follow of the trial alone.
        var follows = new FollowStore(t.Database, new ManualClock());
        var reader = await follows.UpsertAsync(trial, "reader@example.test", 6, CancellationToken.None, FollowStore.ThreadKind);
        var twice = await follows.UpsertAsync(trial, "other@example.test", 6, CancellationToken.None, FollowStore.ThreadKind);
        var kept = await follows.UpsertAsync(verdict, "other@example.test", 6, CancellationToken.None, FollowStore.ThreadKind);
        var story = await follows.UpsertAsync(trial, "reader@example.test", 6, CancellationToken.None);
        await ChangeAsync(t, trial, "Iran nuclear talks resume in Vienna", Mix((0, 0.8), (1, 0.6)));
        // In one batch with a story before it and one after: the pass ends at the leaver, the next one files the last story
        // with the thread's new id, and the batch's threads are given as they end, the first story's too.
        var linked = await store.LinkThreadsAsync([verdict, trial, sentence], CancellationToken.None);

        // The thread's follows follow the thread, now under the verdict; the story's follow stays on the story.
        Assert.Equal((verdict, "pending"), await follows.FindAsync(reader.Id, CancellationToken.None) is { } r ? (r.StoryId, r.Status) : default);
        Assert.Equal((trial, "ended"), await follows.FindAsync(twice.Id, CancellationToken.None) is { } w ? (w.StoryId, w.Status) : default);
        Assert.Equal((verdict, "pending"), await follows.FindAsync(kept.Id, CancellationToken.None) is { } k ? (k.StoryId, k.Status) : default);
        Assert.Equal((trial, FollowStore.StoryKind), await follows.FindAsync(story.Id, CancellationToken.None) is { } f ? (f.StoryId, f.Kind) : default);

        Assert.Null(await ThreadAsync(t, trial));
        Assert.Equal(verdict, await ThreadAsync(t, verdict));
        Assert.Equal(verdict, await ThreadAsync(t, sentence));
        Assert.Equal(verdict, linked[sentence]);
        Assert.Equal(verdict, linked[verdict]);
        Assert.False(linked.ContainsKey(trial));
        await using (var conn = await t.Database.OpenAsync(CancellationToken.None))
        {
            // The old id keeps pointing at the thread, for its pages.
            Assert.Equal(verdict, await Sql.LongAsync(conn, null, "SELECT to_id FROM thread_renames WHERE from_id = @t", CancellationToken.None, ("t", trial)));
        }
        // The old first story starts a thread of the talks: under its own id, which is no longer the trial's.
        var talks = await InsertAsync(t, "Vienna talks on Iran nuclear deal adjourn", 5, Mix((0, 0.8), (1, 0.5), (2, 0.33)));
        Assert.Equal(trial, (await store.LinkThreadsAsync([talks], CancellationToken.None))[talks]);
        Assert.Equal(trial, await ThreadAsync(t, trial));
        Assert.Equal(verdict, await ThreadAsync(t, verdict));
        Assert.Equal(verdict, await ThreadAsync(t, sentence));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Thread_follows_made_on_a_story_since_merged_into_one_that_leaves_its_thread_stay_with_the_thread(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        var (trial, verdict, sentence) = await TrialThreadAsync(t, store) is var ids ? (ids[0], ids[1], ids[2]) : default;
        // Stories merged into the sentence's story (one straight, one through an older chain of redirects) and into the verdict's.
        var reactions = await InsertAsync(t, "Reactions to the <b>Chauvin</b> sentence", 10, TestModels.Vector(0.8, 5));
        var older = await InsertAsync(t, "Chauvin sentencing hearing set", 9, TestModels.Vector(0.8, 6));
        var jury = await InsertAsync(t, "Chauvin jury deliberates", 6, TestModels.Vector(0.8, 7));
        await using (var conn = await t.Database.OpenAsync(CancellationToken.None))
        {
            foreach (var (gone, keep) in new[] { (reactions, sentence), (older, reactions), (jury, verdict) })
            {
                await Sql.ExecuteAsync(conn, null, "UPDATE stories SET status = 'merged', merged_into = @keep, thread_id = NULL WHERE id = @gone",
                    CancellationToken.None, ("keep", keep), ("gone", gone));
            }
        }
        var follows = new FollowStore(t.Database, new ManualClock());
        var ct = CancellationToken.None;
        var reader = await follows.UpsertAsync(reactions, "reader@example.test", 6, ct, FollowStore.ThreadKind);
        var chained = await follows.UpsertAsync(older, "chain@example.test", 6, ct, FollowStore.ThreadKind);
        // This address already follows the thread through the trial: its follow made on the merged story ends.
        var twice = await follows.UpsertAsync(reactions, "other@example.test", 6, ct, FollowStore.ThreadKind);
        var kept = await follows.UpsertAsync(trial, "other@example.test", 6, ct, FollowStore.ThreadKind);
        var story = await follows.UpsertAsync(reactions, "reader@example.test", 6, ct);
        var stays = await follows.UpsertAsync(jury, "reader@example.test", 6, ct, FollowStore.ThreadKind);

        // The sentence's story, grown with the merged one, turns out to be about something else and leaves the thread.
        await ChangeAsync(t, sentence, "Wildfire forces evacuations in northern Minnesota", TestModels.Vector(0.1, 60));
        await store.LinkThreadsAsync([sentence], ct);

        Assert.Null(await ThreadAsync(t, sentence));
        Assert.Equal(trial, await ThreadAsync(t, verdict));
        // The thread's follows made on the stories merged into the leaver go where a follow of the leaver goes: to the thread.
        Assert.Equal((trial, "pending"), await follows.FindAsync(reader.Id, ct) is { } r ? (r.StoryId, r.Status) : default);
        Assert.Equal((trial, "pending"), await follows.FindAsync(chained.Id, ct) is { } c ? (c.StoryId, c.Status) : default);
        Assert.Equal((reactions, "ended"), await follows.FindAsync(twice.Id, ct) is { } w ? (w.StoryId, w.Status) : default);
        Assert.Equal((trial, "pending"), await follows.FindAsync(kept.Id, ct) is { } k ? (k.StoryId, k.Status) : default);
        // A follow of the story itself goes with the story; a follow on a story merged into one that stayed is untouched.
        Assert.Equal((reactions, FollowStore.StoryKind), await follows.FindAsync(story.Id, ct) is { } f ? (f.StoryId, f.Kind) : default);
        Assert.Equal((jury, "pending"), await follows.FindAsync(stays.Id, ct) is { } j ? (j.StoryId, j.Status) : default);
        // Every follow of the thread now reads the thread's stories, not the leaver.
        var thread = await follows.ThreadStoriesAsync(trial, ct);
        Assert.Equal([trial, verdict], thread.Select(s => s.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_thread_reduced_to_one_story_is_no_thread(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        await BackgroundAsync(t);
        var trial = await InsertAsync(t, "Derek Chauvin murder trial opens in Minneapolis", 0, TestModels.Vector(0.8, 1));
        var verdict = await InsertAsync(t, "Jury finds Derek Chauvin guilty of murder", 6, TestModels.Vector(0.8, 2));
        await store.LinkThreadsAsync([trial, verdict], CancellationToken.None);
        Assert.Equal(trial, await ThreadAsync(t, verdict));

        // Retitled with markup and a title of nothing but stop words, its centroid elsewhere: it matches nothing.
        await ChangeAsync(t, verdict, "<script>alert(1)</script> the of and", TestModels.Vector(0.1, 61));
        await store.LinkThreadsAsync([verdict], CancellationToken.None);

        Assert.Null(await ThreadAsync(t, verdict));
        Assert.Null(await ThreadAsync(t, trial));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_filed_while_another_worker_takes_the_threads_first_story_out_goes_under_the_threads_new_id(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new StoryStore(t.Database, TimeProvider.System);
        var (trial, verdict, sentence) = await TrialThreadAsync(t, store) is var ids ? (ids[0], ids[1], ids[2]) : default;
        await ChangeAsync(t, trial, "Iran nuclear talks resume in Vienna", Mix((0, 0.8), (1, 0.6)));
        var appeal = await InsertAsync(t, "Derek Chauvin appeals his murder conviction", 12, TestModels.Vector(0.8, 4));
        var passes = 0;
        // One worker files the appeal; between its reading and its writing another takes the trial out of the thread.
        var linked = await store.LinkThreadsAsync([appeal], CancellationToken.None, beforeWrite: async ct =>
        {
            if (passes++ == 0)
            {
                Assert.Empty(await store.LinkThreadsAsync([trial], ct));
            }
        });

        Assert.Equal(2, passes);
        Assert.Equal(verdict, linked[appeal]);
        foreach (var id in new[] { verdict, sentence, appeal })
        {
            Assert.Equal(verdict, await ThreadAsync(t, id));
        }
        Assert.Null(await ThreadAsync(t, trial));
    }
}
