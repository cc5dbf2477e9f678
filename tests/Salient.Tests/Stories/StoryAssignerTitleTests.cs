using Salient.Embeddings;
using Salient.Stories;

namespace Salient.Tests.Stories;

/// <summary>
/// The title term of the join score (<see cref="StoryOptions.TitleWeight"/>): the mean cosine between an article's
/// title embedding and those of a story's articles, weighed around a pivot. The vectors are set by the test, so the
/// scores are exact: the embedding of title and lead alone decides against a bar of 0.9.
/// </summary>
public sealed class StoryAssignerTitleTests
{
    private const long Hour = 3_600_000;

    private static readonly StoryOptions Off = new()
    {
        JoinThreshold = 0.9, LooseThreshold = 0.9, Margin = 0.5, MergeThreshold = 0.99, LexicalWeight = 0,
        TimePenaltyPerDay = 0, SameOutletPenalty = 0, SizePenalty = 0, CandidateFloor = 0.3, SeparateCommentary = false,
        BodyBand = 0,
    };

    private static readonly StoryOptions On = Off with { TitleWeight = 0.2, TitlePivot = 0.5 };

    /// <summary>A unit vector along one axis: two titles on one axis have cosine 1, on two axes 0.</summary>
    private static float[] Axis(int i)
    {
        var v = new float[TextEmbedder.Dimensions];
        v[i] = 1;
        return v;
    }

    private static float[] Angle(double degrees)
    {
        var v = new float[TextEmbedder.Dimensions];
        v[0] = (float)Math.Cos(degrees * Math.PI / 180);
        v[1] = (float)Math.Sin(degrees * Math.PI / 180);
        return v;
    }

    private static StoryArticle Article(long id, float[] embedding, float[]? title, long time) =>
        new(id, $"headline number {id}", null, $"outlet{id}", null, time, embedding) { TitleEmbedding = title };

    /// <summary>Two stories 90° apart, each of one article whose title lies on its own axis.</summary>
    private static (StoryAssigner Assigner, long First, long Second) TwoStories(StoryOptions options)
    {
        var assigner = new StoryAssigner(options);
        var first = assigner.Assign(Article(1, Angle(0), Axis(10), 0));
        var second = assigner.Assign(Article(2, Angle(90), Axis(11), Hour));
        Assert.True(first.Created);
        Assert.True(second.Created);
        return (assigner, first.StoryId, second.StoryId);
    }

    [Fact]
    public void An_article_whose_title_matches_a_story_joins_it_with_the_title_weight_on_and_starts_its_own_story_with_it_off()
    {
        // Title and lead at 30° from the first story: cosine 0.866, under the bar of 0.9. Its title is the first story's
        // (cosine 1): 0.866 + 0.2 × (1 − 0.5) = 0.966 with the weight on.
        var article = Article(3, Angle(30), Axis(10), 2 * Hour);

        var (on, firstOn, _) = TwoStories(On);
        var joined = on.Assign(article);
        Assert.False(joined.Created);
        Assert.Equal(firstOn, joined.StoryId);
        Assert.Equal([1L, 3], on.Members(firstOn));

        var (off, firstOff, secondOff) = TwoStories(Off);
        var alone = off.Assign(article);
        Assert.True(alone.Created);
        Assert.NotEqual(firstOff, alone.StoryId);
        Assert.NotEqual(secondOff, alone.StoryId);
    }

    [Fact]
    public void An_article_whose_title_matches_no_article_of_a_story_loses_a_join_its_lead_alone_would_make()
    {
        // At 20° (cosine 0.940) it joins the first story on title and lead; its title is on another axis than every
        // title of that story (cosine 0): 0.940 + 0.2 × (0 − 0.5) = 0.840, under the bar.
        var article = Article(3, Angle(20), Axis(12), 2 * Hour);

        var (off, firstOff, _) = TwoStories(Off);
        Assert.Equal(firstOff, off.Assign(article).StoryId);

        var (on, _, _) = TwoStories(On);
        Assert.True(on.Assign(article).Created);
    }

    [Fact]
    public void An_article_or_a_story_without_title_embeddings_is_scored_as_with_the_weight_off()
    {
        // The same article as above, but the story's articles (or the article itself) carry no title vector: no term.
        var withoutStoryTitles = new StoryAssigner(On);
        var first = withoutStoryTitles.Assign(Article(1, Angle(0), null, 0));
        Assert.Equal(first.StoryId, withoutStoryTitles.Assign(Article(3, Angle(20), Axis(12), 2 * Hour)).StoryId);

        var (on, firstOn, _) = TwoStories(On);
        Assert.Equal(firstOn, on.Assign(Article(3, Angle(20), null, 2 * Hour)).StoryId);
    }

    [Fact]
    public void A_negative_title_weight_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new StoryAssigner(Off with { TitleWeight = -0.1 }));
        Assert.Contains("TitleWeight", e.Message, StringComparison.Ordinal);
    }
}
