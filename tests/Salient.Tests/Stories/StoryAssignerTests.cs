using Salient.Bench.Stories;
using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

public sealed class StoryAssignerTests
{
    private const long Hour = 3_600_000;

    /// <summary>Embedding only, no time or outlet effects: what the tests below reason about.</summary>
    private static readonly StoryOptions Plain = new()
    {
        JoinThreshold = 0.9, LooseThreshold = 0.9, Margin = 0.5, MergeThreshold = 0.85, LexicalWeight = 0,
        TimePenaltyPerDay = 0, SameOutletPenalty = 0, CandidateFloor = 0.3,
    };

    private static StoryArticle Article(long id, float[] v, long time, string title = "", string? url = null, string? source = null) =>
        new(id, title.Length == 0 ? $"headline number {id}" : title, null, source, url, time, v);

    [Fact]
    public void Articles_with_the_same_time_are_grouped_the_same_whatever_their_input_order()
    {
        var a = new[]
        {
            Article(1, Synthetic.Angle(0), 1000), Article(2, Synthetic.Angle(5), 1000),
            Article(3, Synthetic.Angle(90), 1000), Article(4, Synthetic.Angle(93), 1000),
        };
        var forward = StreamClusterer.Run(Plain, a);
        var backward = StreamClusterer.Run(Plain, a.Reverse().ToList()).Reverse().ToArray();
        Assert.Equal(forward[0], forward[1]);
        Assert.Equal(forward[2], forward[3]);
        Assert.NotEqual(forward[0], forward[2]);
        Assert.Equal(Partition(forward), Partition(backward));
    }

    [Fact]
    public void The_same_article_under_another_link_or_the_same_headline_from_another_feed_joins_its_story()
    {
        var assigner = new StoryAssigner(Plain);
        var first = assigner.Assign(Article(1, Synthetic.Angle(0), 0, "Parliament passes the budget after a night-long debate", "https://www.example.com/a/budget?utm_source=rss"));
        // An unrelated vector, so only the link or the headline can bring these two in.
        var sameLink = assigner.Assign(Article(2, Synthetic.Angle(90), Hour, "Budget passes", "http://example.com/a/budget/"));
        var sameTitle = assigner.Assign(Article(3, Synthetic.Angle(180), 2 * Hour, "Parliament passes the budget after a night-long debate!", "https://other.example/x"));
        Assert.True(first.Created);
        Assert.Equal(first.StoryId, sameLink.StoryId);
        Assert.True(sameLink.Duplicate);
        Assert.Equal(first.StoryId, sameTitle.StoryId);
        Assert.Equal([1L, 2, 3], assigner.Members(first.StoryId));
    }

    [Fact]
    public void Articles_of_different_languages_never_share_a_story_and_an_article_without_one_joins_either()
    {
        var assigner = new StoryAssigner(Plain);
        var english = assigner.Assign(Article(1, Synthetic.Angle(0), 0) with { Language = "en" });
        var german = assigner.Assign(Article(2, Synthetic.Angle(1), Hour) with { Language = "de" });
        var german2 = assigner.Assign(Article(3, Synthetic.Angle(2), 2 * Hour) with { Language = "DE" });
        var unknown = assigner.Assign(Article(4, Synthetic.Angle(0), 3 * Hour));
        var english2 = assigner.Assign(Article(5, Synthetic.Angle(1), 4 * Hour) with { Language = "en" });

        Assert.NotEqual(english.StoryId, german.StoryId);
        Assert.True(german.Created);
        Assert.Equal(german.StoryId, german2.StoryId);
        Assert.Equal(english.StoryId, unknown.StoryId);
        Assert.Equal(english.StoryId, english2.StoryId);
        Assert.Empty(english2.Merged);
        Assert.Equal([1L, 4, 5], assigner.Members(english.StoryId));
        Assert.Equal([2L, 3], assigner.Members(german.StoryId));

        // Without languages the same stream is one story, as before.
        var plain = StreamClusterer.Run(Plain, [Article(1, Synthetic.Angle(0), 0), Article(2, Synthetic.Angle(1), Hour), Article(3, Synthetic.Angle(2), 2 * Hour)]);
        Assert.Single(plain.Distinct());
    }

    [Fact]
    public void Two_stories_bridged_by_a_new_article_merge_and_the_larger_keeps_its_id()
    {
        var assigner = new StoryAssigner(Plain);
        var a = assigner.Assign(Article(1, Synthetic.Angle(0), 0));
        var b = assigner.Assign(Article(2, Synthetic.Angle(35), Hour));
        Assert.NotEqual(a.StoryId, b.StoryId);
        var bridge = assigner.Assign(Article(3, Synthetic.Angle(17), 2 * Hour));
        Assert.Equal(a.StoryId, bridge.StoryId);
        Assert.Equal([b.StoryId], bridge.Merged);
        Assert.False(assigner.IsLive(b.StoryId));
        Assert.Equal([1L, 2, 3], assigner.Members(a.StoryId));

        var stream = StreamClusterer.Run(Plain with { AtOnce = false, BatchAtOnce = false }, [Article(1, Synthetic.Angle(0), 0), Article(2, Synthetic.Angle(35), Hour), Article(3, Synthetic.Angle(17), 2 * Hour)]);
        Assert.Single(stream.Distinct());
    }

    [Fact]
    public void Without_times_stories_are_never_merged_and_the_bridging_article_joins_one_of_them()
    {
        // The same bridge as above, every article at one time: a clock cannot tell a story begun twice from two events.
        var untimed = Plain.Untimed();
        var assigner = new StoryAssigner(untimed);
        var a = assigner.Assign(Article(1, Synthetic.Angle(0), 0));
        var b = assigner.Assign(Article(2, Synthetic.Angle(35), 0));
        var bridge = assigner.Assign(Article(3, Synthetic.Angle(17), 0));

        Assert.Empty(bridge.Merged);
        Assert.True(assigner.IsLive(a.StoryId));
        Assert.True(assigner.IsLive(b.StoryId));
        Assert.Contains(bridge.StoryId, new[] { a.StoryId, b.StoryId });
        Assert.Equal(2, StreamClusterer.Run(untimed, [Article(1, Synthetic.Angle(0), 0), Article(2, Synthetic.Angle(35), 0), Article(3, Synthetic.Angle(17), 0)]).Distinct().Count());
        // The day each text names is compared instead, and the articles are grouped all at once; the other settings are the given ones.
        Assert.Equal(Plain with { MergeThreshold = untimed.MergeThreshold, EventDayPenalty = Plain.UntimedEventDayPenalty, AtOnce = true }, untimed);
    }

    [Fact]
    public void A_story_takes_articles_up_to_the_window_edge_and_is_closed_after_it()
    {
        var options = Plain with { WindowHours = 72 };
        var assigner = new StoryAssigner(options);
        var story = assigner.Assign(Article(1, Synthetic.Angle(0), 0)).StoryId;
        var inside = assigner.Assign(Article(2, Synthetic.Angle(1), 72 * Hour));
        Assert.Equal(story, inside.StoryId);
        Assert.Empty(assigner.TakeClosed());

        // 72 hours after the story's newest article plus one millisecond: out of the window.
        var outside = assigner.Assign(Article(3, Synthetic.Angle(2), 144 * Hour + 1));
        Assert.True(outside.Created);
        Assert.NotEqual(story, outside.StoryId);
        Assert.Equal([story], assigner.TakeClosed());
        Assert.False(assigner.IsLive(story));
    }

    [Fact]
    public void A_story_reported_for_longer_than_the_window_keeps_its_id_and_only_its_articles_within_the_window()
    {
        var options = Plain with { WindowHours = 72, SizePenalty = 0 };
        var assigner = new StoryAssigner(options);
        var ids = new List<long>();
        // Ten days of updates every 4 hours on one event: 60 articles, at most 19 of them within 72 hours of the newest.
        for (var k = 0; k < 60; k++)
        {
            ids.Add(assigner.Assign(Article(k + 1, Synthetic.Angle(k % 3), k * 4 * Hour)).StoryId);
            var horizon = k * 4 * Hour - options.WindowMs;
            var expected = Enumerable.Range(0, k + 1).Where(i => i * 4 * Hour >= horizon).Select(i => (long)i + 1).ToList();
            Assert.Equal(expected, assigner.Members(ids[0]));
            Assert.Equal(expected.Count, assigner.LiveArticleCount);
        }
        Assert.Single(ids.Distinct());
        Assert.Equal(1, assigner.LiveStoryCount);
        Assert.Empty(assigner.TakeClosed());
    }

    [Fact]
    public void A_late_article_from_before_the_window_is_placed_but_not_kept()
    {
        var options = Plain with { WindowHours = 72 };
        var assigner = new StoryAssigner(options);
        var story = assigner.Assign(Article(1, Synthetic.Angle(0), 100 * Hour)).StoryId;
        assigner.Assign(Article(2, Synthetic.Angle(1), 101 * Hour));

        // Published 90 hours before the newest article: it joins the matching story, which keeps only what is in the window.
        var joined = assigner.Assign(Article(3, Synthetic.Angle(1), 11 * Hour));
        Assert.Equal(story, joined.StoryId);
        Assert.Equal([1L, 2], assigner.Members(story));
        Assert.Equal(2, assigner.LiveArticleCount);

        // Alone, it starts a story that is closed at once, and its link no longer takes duplicates.
        var alone = assigner.Assign(Article(4, Synthetic.Angle(90), 10 * Hour, "Old news elsewhere", "https://a.example/old"));
        Assert.True(alone.Created);
        Assert.False(assigner.IsLive(alone.StoryId));
        Assert.Equal([alone.StoryId], assigner.TakeClosed());
        Assert.Equal(2, assigner.LiveArticleCount);
        Assert.True(assigner.IsLive(story));
    }

    [Fact]
    public void A_window_rebuilt_from_live_stories_continues_the_stream_exactly()
    {
        var stream = Synthetic.Stream(seed: 11, events: 120, days: 12, runningDays: 9).Select(x => x.Article).ToList();
        var options = new StoryOptions();
        var whole = new StoryAssigner(options);
        var expected = stream.Select(a => whole.Assign(a)).Select(a => a.StoryId).ToList();

        var cut = stream.Count / 2;
        var first = new StoryAssigner(options);
        var got = new List<long>();
        var storyOf = new Dictionary<long, long>();
        foreach (var a in stream.Take(cut))
        {
            var r = first.Assign(a);
            got.Add(r.StoryId);
            storyOf[a.Id] = r.StoryId;
            foreach (var gone in r.Merged)
            {
                foreach (var k in storyOf.Where(p => p.Value == gone).Select(p => p.Key).ToList())
                {
                    storyOf[k] = r.StoryId;
                }
            }
        }
        // What the store keeps: each article's story; the live ones are those with an article within the window of the newest,
        // given here with all their articles, older ones too.
        var clock = stream.Take(cut).Max(a => a.TimeMs);
        var second = new StoryAssigner(options, first.NextStoryId);
        foreach (var g in stream.Take(cut).GroupBy(a => storyOf[a.Id]))
        {
            if (g.Max(a => a.TimeMs) >= clock - options.WindowMs)
            {
                second.Restore(g.Key, g.Reverse());
            }
        }
        got.AddRange(stream.Skip(cut).Select(a => second.Assign(a).StoryId));
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Events_in_a_synthetic_stream_are_recovered()
    {
        var stream = Synthetic.Stream(seed: 3, events: 60, days: 6);
        var stories = StreamClusterer.Run(new StoryOptions(), stream.Select(x => x.Article).ToList());
        var scores = ClusterScores.Measure(stories, stream.Select(x => x.Event.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList());
        Assert.True(scores.BcubedF1 > 0.95, $"B-cubed F1 {scores.BcubedF1:0.000}");
    }

    [Fact]
    public void An_article_without_an_embedding_is_refused()
    {
        var assigner = new StoryAssigner(Plain);
        Assert.Throws<ArgumentException>(() => assigner.Assign(Article(1, [], 0)));
    }

    private static List<string> Partition(long[] stories) =>
        stories.Select((s, i) => (s, i)).GroupBy(x => x.s).Select(g => string.Join(',', g.Select(x => x.i))).OrderBy(x => x, StringComparer.Ordinal).ToList();
}
