using Salient.Tests.Support;
using Salient.Writing;
using Xunit.Abstractions;

namespace Salient.Tests.Writing;

public sealed class EventAnchorTests(ITestOutputHelper output)
{
    [Fact]
    public void No_sentence_about_another_event_of_the_same_theme_reaches_a_summary_and_the_story_s_own_sentences_stay()
    {
        var planted = new List<string>();
        var lost = new List<string>();
        foreach (var story in OffTopicStories.Planted.Concat(OffTopicStories.Normal))
        {
            var written = WritingFixtures.Extractive().Write(story.Articles);
            output.WriteLine($"{story.Name}: {TextCleaner.CountWords(written.Summary)} words, refused {written.Refused}: {written.Summary}");
            if (story.Planted is { } p && written.Sentences.Any(s => s.Text == p))
            {
                planted.Add(story.Name);
            }
            lost.AddRange(story.Keep.Where(k => !written.Sentences.Any(s => s.Text == k)).Select(k => $"{story.Name}: {k}"));
            // Never empty, never the title alone: each story has sentences of its own to tell.
            Assert.InRange(TextCleaner.CountWords(written.Summary), 20, new WritingOptions().MaxWords);
        }
        output.WriteLine($"planted sentences in summaries: {planted.Count} of {OffTopicStories.Planted.Count}; kept sentences lost: {lost.Count}");
        Assert.Empty(lost);
        Assert.Equal(OffTopicStories.Planted.Where(s => s.Missed).Select(s => s.Name), planted);
    }

    [Fact]
    public void A_sentence_sharing_no_name_number_or_headline_word_with_the_story_is_refused_though_it_shares_its_theme()
    {
        var story = OffTopicStories.Planted.Single(s => s.Name == "texas-shooting");

        var written = WritingFixtures.Extractive().Write(story.Articles);

        Assert.DoesNotContain(written.Sentences, s => s.Text.Contains("Buffalo", StringComparison.Ordinal));
        Assert.Contains(written.Sentences, s => s.Text.Contains("Uvalde", StringComparison.Ordinal));
        Assert.True(written.Refused >= 1, $"refused {written.Refused}");
        // Without the refusal the other shooting is chosen: the check above is what keeps it out.
        var before = WritingFixtures.Extractive(new WritingOptions { RefuseUnrelated = false }).Write(story.Articles);
        Assert.Contains(before.Sentences, s => s.Text.Contains("Buffalo", StringComparison.Ordinal));
    }

    [Fact]
    public void When_every_sentence_is_about_other_events_the_summary_is_the_feed_description_and_without_one_the_title()
    {
        SourceArticle[] Articles(string? description) =>
        [
            new("Leeds council approves central library budget",
                "Sheffield's mayor Oliver Coppard opened two swimming pools in Hillsborough last spring. " +
                "Bradford raised parking charges in Ilkley and Keighley to pay for potholes.", "Yorkshire Post", Description: description),
            new("Leeds approves budget for central library",
                "York's council voted to close the Coppergate car park to pay for new cycle lanes. " +
                "Harrogate's Turkish baths reopened after a refurbishment paid for by North Yorkshire.", "Leeds Live"),
        ];

        var described = WritingFixtures.Extractive().Write(Articles("Leeds councillors voted on Wednesday to pay for a central library, which is to open in 2026."));
        Assert.Equal("Leeds councillors voted on Wednesday to pay for a central library, which is to open in 2026.", described.Summary);
        Assert.True(described.Refused >= 4, $"refused {described.Refused}");

        var bare = WritingFixtures.Extractive().Write(Articles(null));
        Assert.Equal(bare.Title.TrimEnd('.') + ".", bare.Summary);
    }

    [Fact]
    public void Hostile_headlines_and_texts_give_a_summary_of_the_story_s_own_sentences_and_never_fail()
    {
        SourceArticle[] shouting =
        [
            new("", "THE DAM AT MILLBROOK BURST ON MONDAY AFTER DAYS OF RAIN. RESCUE TEAMS MOVED 2,000 PEOPLE TO HIGHER GROUND.", "AP"),
            new("   ", "The Millbrook dam burst on Monday after days of rain, flooding 300 homes. Officials said 2,000 people were moved.", "Reuters"),
            new("1,2,3 !!! ???", "12,284.5.6 ,,, 0.1% . 9,9,9 — Millbrook 2,000 3,000,000.", "Site"),
            new(new string('x', 5_000), string.Join(' ', Enumerable.Repeat("Millbrook Dam Burst Rain.", 2_000)), "Spam"),
        ];

        var written = WritingFixtures.Extractive().Write(shouting);

        Assert.NotEmpty(written.Summary);
        Assert.Contains("Millbrook", written.Summary, StringComparison.OrdinalIgnoreCase);
    }
    private static EventAnchor.Verdict[] Judge(IReadOnlyList<SourceArticle> articles, string title)
    {
        var sentences = articles.SelectMany((a, i) => TextCleaner.SplitSentences(a.Text ?? "").Select((s, p) => (Text: s, Article: i, Position: p))).ToList();
        return EventAnchor.Of(articles, title).Judge(sentences, s => s.Text, s => s.Article, s => s.Position);
    }

    [Fact]
    public void A_sentence_naming_nothing_new_after_a_sentence_that_passed_stays_when_it_shares_a_word_with_it_or_states_the_event_s_figures()
    {
        SourceArticle[] articles =
        [
            new("Council approves new tram line",
                "Leeds councillors voted on Wednesday to approve a plan for a tram line to the airport. " +
                "The plan now goes to ministers for funding.", "Yorkshire Post"),
            new("Leeds tram line to the airport approved",
                "A tram line from Leeds to its airport was approved by the city council on Wednesday. " +
                "The vote was 61-22.", "BBC"),
        ];

        var verdicts = Judge(articles, "Council approves new tram line");

        Assert.Equal(4, verdicts.Length);
        Assert.Equal(new EventAnchor.Verdict(true, 0), verdicts[1]); // "plan", from the sentence before; no headline says it
        Assert.Equal(new EventAnchor.Verdict(true, 0), verdicts[3]); // its figures, right after a sentence that passed
    }

    [Fact]
    public void A_follow_on_sentence_is_still_refused_when_it_names_a_stranger_or_follows_a_sentence_that_did_not_pass_on_its_own()
    {
        SourceArticle[] articles =
        [
            new("Council approves new tram line",
                "Leeds councillors voted on Wednesday to approve a plan for a tram line to the airport. " +
                "Bradford voted in March for a similar plan to reach Keighley. " +
                "The work could start soon. " +
                "Leeds councillors voted on Wednesday to approve the tram plan. " +
                "The plan now goes to ministers for funding. " +
                "Ministers may take a year to decide.", "Yorkshire Post"),
            new("Leeds tram line to the airport approved",
                "A tram line from Leeds to its airport was approved by the city council on Wednesday.", "BBC"),
        ];

        var verdicts = Judge(articles, "Council approves new tram line");

        Assert.True(verdicts[1] is { Anchored: false } or { Strangers: > 0 }, $"{verdicts[1]}"); // Bradford, Keighley: another city's plan
        Assert.False(verdicts[2].Anchored); // shares no word with the sentence before it, and that one did not pass
        Assert.Equal(new EventAnchor.Verdict(true, 0), verdicts[4]);
        Assert.False(verdicts[5].Anchored); // follows a sentence let in only as a follow-on: no chains
    }

    [Fact]
    public void A_sentence_naming_nothing_new_that_repeats_a_figure_its_article_stated_earlier_stays_wherever_it_stands()
    {
        SourceArticle[] articles =
        [
            new("Amazon workers in Alabama reject union",
                "Amazon workers in Bessemer voted 1,798 to 738 against forming a union. " +
                "Organisers blamed months of pressure. " +
                "Of the 1,798 no votes, most came from night shifts.", "NPR"),
            new("Alabama Amazon warehouse votes against union",
                "Workers at Amazon's warehouse in Bessemer rejected the union by a wide margin.", "Reuters"),
        ];

        var verdicts = Judge(articles, "Amazon workers in Alabama reject union");

        Assert.False(verdicts[1].Anchored);
        Assert.Equal(new EventAnchor.Verdict(true, 0), verdicts[2]);
    }
}
