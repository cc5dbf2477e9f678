using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

/// <summary>
/// The daemon's batches grouped at once with the live window (<see cref="StoryAssigner.AssignAtOnce"/>). The vectors are
/// set by the test and the titles share no word, so the embedding alone scores each pair.
/// </summary>
public sealed class StoryAssignerBatchTests
{
    private const long Hour = 3_600_000;

    private static readonly StoryOptions Plain = new()
    {
        JoinThreshold = 0.75, LooseThreshold = 0.55, Margin = 0.15, LexicalWeight = 0, SameOutletPenalty = 0, SizePenalty = 0,
        CandidateFloor = 0.3, SeparateCommentary = false, BodyBand = 0, TimePenaltyPerDay = 0,
    };

    private static StoryArticle Article(long id, double degrees, long time, string title, int towards = 1) =>
        new(id, title, null, null, null, time, Synthetic.Angle(degrees, towards));

    [Fact]
    public void Articles_that_come_in_one_batch_give_the_same_stories_whatever_their_order_where_one_by_one_they_did_not()
    {
        // Told in the same minute: x and z are 60 degrees apart (cosine 0.5), y lies between them; w and v are another event.
        var articles = new[]
        {
            Article(1, 0, Hour, "alpha"), Article(2, 30, Hour, "bravo"), Article(3, 60, Hour, "charlie"),
            Article(4, -90, Hour, "delta"), Article(5, -86, Hour, "echo"),
        };
        var batches = Plain with { AtOnce = false, BatchAtOnce = true };

        var partitions = StoryPartitions.Orders(articles).Select(order => StoryPartitions.Of(order, StreamClusterer.Run(batches, order))).Distinct().ToList();

        Assert.Equal(["1,2,3 | 4,5"], partitions);
        var oneByOne = batches with { BatchAtOnce = false };
        Assert.True(StoryPartitions.Orders(articles).Select(order => StoryPartitions.Of(order, StreamClusterer.Run(oneByOne, order))).Distinct().Count() > 1);
    }

    [Fact]
    public void A_batch_joins_the_live_stories_of_its_events_and_its_new_event_makes_a_story_of_its_own()
    {
        var assigner = new StoryAssigner(Plain);
        var first = assigner.Assign(Article(1, 0, 0, "alpha"));
        var second = assigner.Assign(Article(2, 90, Hour, "bravo", towards: 2));
        Assert.NotEqual(first.StoryId, second.StoryId);

        // 3 and 4 are each near one live story; 6 and 7 are a new event, 5 is alone.
        var made = assigner.AssignAtOnce([
            Article(3, 3, 2 * Hour, "charlie"), Article(4, 87, 2 * Hour, "delta", towards: 2),
            Article(6, 90, 2 * Hour, "foxtrot", towards: 3), Article(7, 86, 2 * Hour, "golf", towards: 3),
            Article(5, 90, 2 * Hour, "echo", towards: 4),
        ]);

        var story = made.ToDictionary(a => a.ArticleId, a => a.StoryId);
        Assert.Equal(5, made.Count);
        Assert.Equal(first.StoryId, story[3]);
        Assert.Equal(second.StoryId, story[4]);
        Assert.Equal(story[6], story[7]);
        Assert.Equal(4, story.Values.Distinct().Count());
        Assert.False(made.Single(a => a.ArticleId == 3).Created);
        Assert.True(made.Single(a => a.ArticleId == 6).Created);
        Assert.False(made.Single(a => a.ArticleId == 7).Created);
        Assert.All(made, a => Assert.Empty(a.Merged));
    }

    [Fact]
    public void A_live_storys_next_reports_that_come_in_together_join_it_as_they_would_one_by_one()
    {
        // Three reports on the first day; a day later two more, each far nearer the other than the story, one of them
        // from an outlet the story has: the stream takes both into the story, one after the other.
        var timed = Plain with { TimePenaltyPerDay = 0.5, TimeGraceHours = 12, SameOutletPenalty = 0.15 };
        StoryArticle Report(long id, double degrees, long time, string source) =>
            new(id, "report " + id, null, source, null, time, Synthetic.Angle(degrees));
        var articles = new[]
        {
            Report(1, 0, 0, "a"), Report(2, 2, Hour, "b"), Report(3, 4, 2 * Hour, "c"),
            Report(4, 30, 26 * Hour, "d"), Report(5, 33, 27 * Hour, "a"),
        };

        var assigner = new StoryAssigner(timed);
        var live = articles[..3].Select(a => assigner.Assign(a).StoryId).Distinct().Single();
        var made = assigner.AssignAtOnce(articles[3..]);

        Assert.All(made, a => Assert.Equal(live, a.StoryId));
        Assert.Equal("1,2,3,4,5", StoryPartitions.Of(articles, StreamClusterer.Run(timed with { AtOnce = false, BatchAtOnce = false }, articles)));
    }

    [Fact]
    public void A_duplicate_of_an_article_in_the_window_joins_its_story_as_in_the_stream()
    {
        var assigner = new StoryAssigner(Plain);
        var live = assigner.Assign(new StoryArticle(1, "Flood in Oslo", null, null, "https://a.example/flood", 0, Synthetic.Angle(0)));

        var made = assigner.AssignAtOnce([
            new StoryArticle(2, "Flood in Oslo (updated)", null, null, "https://a.example/flood?utm_source=x", Hour, Synthetic.Angle(80)),
            Article(3, 90, Hour, "charlie", towards: 3), Article(4, 88, Hour, "delta", towards: 3),
        ]);

        var dup = made.Single(a => a.ArticleId == 2);
        Assert.True(dup.Duplicate);
        Assert.Equal(live.StoryId, dup.StoryId);
    }

    [Fact]
    public void Grouped_in_batches_a_repeated_article_id_is_refused_by_name_while_one_by_one_it_is_placed_by_its_place()
    {
        var articles = new[] { Article(7, 0, 0, "alpha"), Article(7, 2, Hour, "bravo"), Article(8, 90, Hour, "charlie", towards: 2) };

        var error = Assert.Throws<ArgumentException>(() => StreamClusterer.Run(Plain with { AtOnce = false, BatchAtOnce = true }, articles));

        Assert.Contains("article id 7 is given twice", error.Message, StringComparison.Ordinal);
        var stories = StreamClusterer.Run(Plain with { AtOnce = false }, articles);
        Assert.Equal(stories[0], stories[1]);
        Assert.NotEqual(stories[0], stories[2]);
    }

    [Fact]
    public void An_article_without_an_embedding_is_refused_by_its_id_before_anything_is_grouped()
    {
        var assigner = new StoryAssigner(Plain);

        var error = Assert.Throws<ArgumentException>(() => assigner.AssignAtOnce([Article(1, 0, 0, "alpha"), new StoryArticle(9, "empty", null, null, null, 0, [])]));

        Assert.Contains("article 9 has no embedding", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, assigner.LiveStoryCount);
    }
}
