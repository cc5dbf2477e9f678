using Salient.Tests.Support;
using Salient.Writing;

namespace Salient.Tests.Writing;

public sealed class RelevanceTests
{
    /// <summary>A one-line article as extraction left it: the readers' comments below it carry no mark and read as sentences.</summary>
    private static readonly SourceArticle SnowWithComments = new(
        "Kent schools shut as snow falls",
        "Heavy snow closed more than 200 schools across Kent on Monday, and the county council told parents to check its website before setting out. " +
        "reader54 Oxfam slams US response to the famine in Yemen as shameful and calls on Congress to act. " +
        "Typical, the football team lost again and the manager still has his job somehow. " +
        "Does anyone know a good plumber, the last one has not turned up for three weeks now.",
        "Kent Online");

    /// <summary>A page whose extracted text is its "most read" list, not its article.</summary>
    private static SourceArticle MostRead(string? description) => new(
        "Leeds council approves budget for central library",
        "Most read. 1. Celebrity chef opens a restaurant in Paris. 2. Footballer signs a record contract with a Madrid club. " +
        "3. Ten recipes for a quick weeknight dinner. 4. Hollywood star announces a divorce after a decade of marriage.",
        "Yorkshire Post", Description: description);

    [Fact]
    public void Comment_lines_below_a_one_line_article_are_refused_and_only_the_article_is_summarised()
    {
        var written = WritingFixtures.Extractive().Write([SnowWithComments]);

        Assert.Equal("Heavy snow closed more than 200 schools across Kent on Monday, and the county council told parents to check its website before setting out.", written.Summary);
        Assert.Equal(2, written.Refused);

        // Without the refusal the comments make up the length: the check above is what keeps them out. A comment that
        // starts with its writer's handle is split from the article and, starting in lower case, is no sentence either way.
        var before = WritingFixtures.Extractive(new WritingOptions { RefuseUnrelated = false }).Write([SnowWithComments]);
        Assert.Contains("football", before.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Oxfam", before.Summary, StringComparison.Ordinal);
        Assert.Equal(0, before.Refused);
    }

    [Fact]
    public void A_most_read_list_gives_way_to_the_feed_description_and_without_one_to_the_title()
    {
        var described = WritingFixtures.Extractive().Write([MostRead("Leeds councillors voted on Wednesday to pay for a central library, which is to open in 2026.")]);
        Assert.Equal("Leeds councillors voted on Wednesday to pay for a central library, which is to open in 2026.", written(described));
        Assert.True(described.Refused >= 3, $"refused {described.Refused}");

        var bare = WritingFixtures.Extractive().Write([MostRead(null)]);
        Assert.Equal("Leeds council approves budget for central library.", written(bare));

        // A huge description is cut to the length target.
        var huge = WritingFixtures.Extractive().Write([MostRead("Leeds library " + string.Join(' ', Enumerable.Repeat("budget", 5_000)))]);
        Assert.InRange(TextCleaner.CountWords(huge.Summary), 1, new WritingOptions().TargetWords + 1);
        Assert.EndsWith("…", huge.Summary, StringComparison.Ordinal);

        static string written(WrittenStory w) => w.Summary;
    }

    [Fact]
    public void In_a_story_of_several_articles_a_comment_line_is_never_chosen_and_related_sentences_are_kept()
    {
        var articles = new List<SourceArticle>(WritingFixtures.Storm())
        {
            new("Cyclone leaves thousands homeless in Bangladesh",
                "The cyclone destroyed thousands of homes along the coast of Bangladesh. " +
                "Typical, the football team lost again and the manager still has his job somehow. " +
                "Does anyone know a good plumber, the last one has not turned up for three weeks now.",
                "Dhaka Tribune"),
        };

        var written = WritingFixtures.Extractive().Write(articles);

        Assert.NotEmpty(written.Sentences);
        Assert.DoesNotContain(written.Sentences, s => s.Text.Contains("plumber", StringComparison.Ordinal) || s.Text.Contains("football", StringComparison.Ordinal));
        Assert.True(written.Refused >= 2, $"refused {written.Refused}");
        // With MiniLM sentence vectors a related sentence that shares no word with the story (rescue teams searching for
        // fishermen) is kept by its closeness to the centroid; word vectors cannot see that, so there only words count.
        var model = new WritingOptions { SentenceVectors = SentenceVectorKinds.Model };
        Assert.Equal(WritingFixtures.Extractive(new WritingOptions { SentenceVectors = SentenceVectorKinds.Model, RefuseUnrelated = false }).Write(WritingFixtures.Storm()).Summary,
            WritingFixtures.Extractive(model).Write(WritingFixtures.Storm()).Summary);
        Assert.DoesNotContain(WritingFixtures.Extractive(model).Write(articles).Sentences, s => s.Text.Contains("plumber", StringComparison.Ordinal) || s.Text.Contains("football", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sentence_is_related_by_a_shared_word_with_the_titles_descriptions_or_other_leads_but_not_its_own_lead()
    {
        var relevance = Relevance.Of([
            new SourceArticle("Snow closes schools in Kent", "Heavy snow closed schools. Gritters worked overnight."),
            new SourceArticle("Kent schools shut", "Gritters and ploughs were out before dawn.", Description: "Council warns of ice on roads"),
        ]);

        Assert.True(relevance.IsRelated("Gritters worked overnight.", 0));
        Assert.True(relevance.IsRelated("Ice made the roads dangerous.", 0));
        Assert.False(relevance.IsRelated("Ploughs cleared the way.", 1));
        Assert.False(relevance.IsRelated("My football team lost again.", 0));
        Assert.True(relevance.IsRelated("My football team lost again.", 0, centroidCosine: 0.5));
    }
}
