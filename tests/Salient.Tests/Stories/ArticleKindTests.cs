using Salient.Stories;

namespace Salient.Tests.Stories;

public sealed class ArticleKindTests
{
    [Theory]
    [InlineData("Stop building in fire country", "https://www.example.com/opinion/2024/08/03/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/news/commentary/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/analysis/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/opinions/editorials/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/columnists/fire-country")]
    [InlineData("Stop building in fire country", "https://example.com/op-ed/fire-country")]
    [InlineData("Opinion: Stop building in fire country", null)]
    [InlineData("OPINION | Stop building in fire country", null)]
    [InlineData("Column: Stop building in fire country", "")]
    [InlineData("Editorial: Stop building in fire country", "not a link")]
    [InlineData("Letters: Readers on the Sawtooth fire", null)]
    [InlineData("Analysis \u2013 What the fire bill will and will not do", null)]
    public void A_link_segment_or_a_title_label_marks_an_opinion_piece(string title, string? url) =>
        Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of(title, url, "Some text."));

    [Theory]
    [InlineData("Opinion\nWe keep building where fires burn. That has to stop.\n\nMore text follows here.")]
    [InlineData("We keep building where fires burn.\n\nThe views expressed in this column are the author's own.")]
    [InlineData("We keep building where fires burn.\n\nThe opinions expressed are those of the writer.")]
    public void A_section_label_over_the_text_or_a_disclaimer_in_it_marks_an_opinion_piece(string text) =>
        Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of("We keep building where fires burn", "https://example.com/2024/08/03/fires", text));

    [Theory]
    [InlineData("Morning briefing: fire, a strike and a heat wave")]
    [InlineData("Your evening briefing")]
    [InlineData("5 things to know today")]
    [InlineData("Five things to know before you start your day")]
    [InlineData("News roundup: the week in Carver County")]
    public void A_briefing_or_a_things_to_know_title_marks_a_round_up(string title) =>
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of(title, "https://example.com/2024/08/03/x", "Text."));

    [Fact]
    public void A_live_page_is_a_round_up_only_when_it_lists_many_items()
    {
        var items = "Pine Hollow evacuated as fire jumps road\nFirefighters hold the line overnight.\n" +
            "Transit strike ends after talks\nTrains run again on Monday.\n" +
            "Heat wave to last through weekend\nTemperatures will top 40 degrees.\n" +
            "School board picks a new chief\nThe vote was five to two.\n";
        Assert.Equal(ArticleKind.Roundup, ArticleKinds.Of("Live updates: what we know on Saturday", null, items));
        var oneEvent = "The Sawtooth fire jumped Ridge Road late on Saturday, officials said.\n\nCrews fought the flames all night as winds rose.\n\nAbout 6,000 people left their homes.";
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("Sawtooth fire: what we know", null, oneEvent));
    }

    [Theory]
    [InlineData("Analysts say rates will stay high", "https://example.com/business/analysts-say-rates-will-stay-high")]
    [InlineData("Columbia votes on a new budget", "https://example.com/news/columbia-budget")]
    [InlineData("Opinion polls show a close race", "https://example.com/politics/opinion-polls-close-race")]
    [InlineData("Fire crews brief residents", "https://example.com/local/fire-crews-brief-residents")]
    public void Reports_whose_words_merely_resemble_the_labels_stay_reports(string title, string url) =>
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(title, url, "The council met on Tuesday and voted on the plan."));

    [Fact]
    public void Missing_markup_laden_and_huge_inputs_are_read_without_error()
    {
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(null, null, null));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of("<script>alert(1)</script> \"quoted\" & more", "javascript:alert(1)", "<b>bold</b>"));
        Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of("Opinion: <i>markup</i> & \"quotes\" in the title", "https://example.com/opinion/%3Cscript%3E", new string('a', 5_000_000)));
        Assert.Equal(ArticleKind.Report, ArticleKinds.Of(new string('x', 100_000), "https://example.com/" + new string('y', 100_000), string.Join('\n', Enumerable.Repeat("short line here", 100_000))));
    }
}
