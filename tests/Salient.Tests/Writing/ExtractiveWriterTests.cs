using Salient.Tests.Support;
using Salient.Writing;

namespace Salient.Tests.Writing;

public sealed class ExtractiveWriterTests
{
    [Fact]
    public void Every_summary_sentence_is_a_cleaned_sentence_of_the_article_it_links_to()
    {
        var articles = WritingFixtures.Storm();
        var written = WritingFixtures.Extractive().Write(articles);

        Assert.NotEmpty(written.Sentences);
        foreach (var s in written.Sentences)
        {
            var source = articles[s.Article].Text!;
            var body = s.Text.TrimEnd('.');
            Assert.Contains(body, source, StringComparison.Ordinal);
            Assert.DoesNotContain("(Reuters)", s.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Click here", s.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Read more", s.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Reporting by", s.Text, StringComparison.Ordinal);
        }
        Assert.All(written.Sources, i => Assert.InRange(i, 0, articles.Count - 1));
        Assert.Equal(WrittenStory.Extractive, written.Method);
    }

    [Fact]
    public void The_title_is_the_best_plain_headline_without_its_site_suffix()
    {
        var written = WritingFixtures.Extractive().Write(WritingFixtures.Storm());
        Assert.Equal("Cyclone kills 12 in Bangladesh, thousands evacuated", written.Title);
        Assert.Equal(1, written.TitleArticle);
        Assert.Contains(1, written.Sources);
    }

    [Fact]
    public void The_summary_stays_within_the_configured_length_and_does_not_repeat_itself()
    {
        var options = new WritingOptions { MinWords = 20, TargetWords = 30, MaxWords = 45 };
        var written = WritingFixtures.Extractive(options).Write(WritingFixtures.Storm());
        Assert.InRange(TextCleaner.CountWords(written.Summary), 1, 45);
        var texts = written.Sentences.Select(s => s.Text).ToList();
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void When_every_headline_asks_a_question_the_title_states_the_news_instead()
    {
        var written = WritingFixtures.Extractive().Write(
        [
            new("Is this the end of the Senate filibuster?", "The Senate voted 51-49 on Thursday to change its rules for judicial nominations. Democrats objected to the change."),
            new("What happens now that the Senate has changed its rules?", "Senate Republicans changed the chamber's rules on Thursday in a 51-49 vote, ending filibusters for nominees."),
        ]);
        Assert.DoesNotContain("?", written.Title, StringComparison.Ordinal);
        Assert.Contains("51-49", written.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_story_with_titles_but_no_text_still_gets_a_title_and_an_empty_summary()
    {
        var written = WritingFixtures.Extractive().Write([new("Parliament approves new budget - BBC News", null, "BBC")]);
        Assert.Equal("Parliament approves new budget", written.Title);
        Assert.Empty(written.Sentences);
    }

    [Fact]
    public void A_text_with_no_usable_sentence_gives_its_opening_words_cut_at_a_word_rather_than_no_summary()
    {
        // Live-blog style: no full stops, only fragments joined by dashes, 120 words long.
        var fragments = string.Join(" — ", Enumerable.Range(1, 20).Select(i => $"update {i} from the flooded valley towns"));
        var written = WritingFixtures.Extractive().Write(
        [
            new("River bursts its banks in the valley", fragments, "Local Radio"),
            new("Valley flooding: what we know", "Is the dam safe? Who is in charge? When will the water fall?", "Daily"),
        ]);

        var sentence = Assert.Single(written.Sentences);
        Assert.EndsWith("…", sentence.Text, StringComparison.Ordinal);
        Assert.StartsWith("update 1 from the flooded valley towns", sentence.Text, StringComparison.Ordinal);
        Assert.Contains(sentence.Text.TrimEnd('…'), fragments, StringComparison.Ordinal);
        Assert.InRange(TextCleaner.CountWords(sentence.Text), 5, new WritingOptions().TargetWords);
        Assert.Equal(0, sentence.Article);
        Assert.Contains(0, written.Sources);
    }

    [Fact]
    public void A_story_without_articles_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WritingFixtures.Extractive().Write([]));
    }
}
