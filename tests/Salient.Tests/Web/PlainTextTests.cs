using Salient.Storage;
using Salient.Text;
using Salient.Web;

namespace Salient.Tests.Web;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("Plain title", "Plain title")]
    [InlineData("<b>Bold</b> move", "Bold move")]
    [InlineData("<script>alert(1)</script>After", "After")]
    [InlineData("<SCRIPT type=x>alert(1)</SCRIPT >After", "After")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;Hidden", "Hidden")]
    [InlineData("&amp;lt;img src=x onerror=alert(1)&amp;gt;Twice", "Twice")]
    [InlineData("<style>body{display:none}</style>Styled", "Styled")]
    [InlineData("<iframe srcdoc=\"<script>x</script>\"></iframe>Framed", "Framed")]
    [InlineData("Unclosed <img src=x onerror=alert(1)", "Unclosed")]
    [InlineData("Fish &amp; chips", "Fish & chips")]
    [InlineData("3 < 4 and 5 > 2", "3 < 4 and 5 > 2")]
    [InlineData("Tab\tand\u0000nul", "Tab and nul")]
    [InlineData("  spaced   out  ", "spaced out")]
    [InlineData("Two  spaces", "Two spaces")]
    [InlineData(" Leading", "Leading")]
    [InlineData("Trailing ", "Trailing")]
    [InlineData("Non\u00a0breaking", "Non breaking")]
    [InlineData("Line\nbreak", "Line break")]
    [InlineData("Ünïcödé — “quoted” text", "Ünïcödé — “quoted” text")]
    [InlineData(null, "")]
    public void Feed_text_becomes_plain_text(string? input, string expected) => Assert.Equal(expected, PlainText.Clean(input));

    [Fact]
    public void Text_that_is_already_plain_is_returned_as_it_is_without_a_copy()
    {
        var text = "Parliament passes the climate law after a long night";
        Assert.Same(text, PlainText.Clean(text));
    }

    [Theory]
    [InlineData("https://example.com/a?b=1", "https://example.com/a?b=1")]
    [InlineData("HTTP://Example.com/", "http://example.com/")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData(" JavaScript:alert(1)", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    [InlineData("//evil.example/", null)]
    [InlineData("/relative", null)]
    [InlineData("vbscript:msgbox", null)]
    [InlineData("", null)]
    public void Only_absolute_http_urls_become_links(string input, string? expected) => Assert.Equal(expected, PlainText.SafeUrl(input));

    [Theory]
    [InlineData("climate", "\"climate\"")]
    [InlineData("climate summit", "\"climate\" \"summit\"")]
    [InlineData("\"climate summit\" geneva", "\"climate summit\" \"geneva\"")]
    [InlineData("clim*", "\"clim\"*")]
    [InlineData("AND OR NOT", "\"AND\" \"OR\" \"NOT\"")]
    [InlineData("title:x NEAR(a b)", "\"title\" \"x\" \"NEAR\" \"a\" \"b\"")]
    [InlineData("\"unclosed phrase", "\"unclosed phrase\"")]
    [InlineData("***", null)]
    [InlineData("   ", null)]
    [InlineData("Zürich", "\"Zürich\"")]
    public void Search_text_becomes_a_safe_fts_query(string input, string? expected) => Assert.Equal(expected, FtsQuery.Build(input));

    [Theory]
    [InlineData("Talks resumed in Geneva on Monday. Both sides said the ceasefire held overnight.", 40, "Talks resumed in Geneva on Monday.")]
    [InlineData("Officials said the U.S. Navy sent two ships. Sen. John F. Kerry and Dr. Ann Lee objected to the plan.", 60, "Officials said the U.S. Navy sent two ships.")]
    [InlineData("“We will rebuild,” the mayor said. Crews cleared roads across the county on Tuesday.", 50, "“We will rebuild,” the mayor said.")]
    [InlineData("A single sentence far longer than the room a card gives it, with no full stop before the end.", 30, "A single sentence far longer…")]
    [InlineData("Short enough.", 30, "Short enough.")]
    public void A_summary_shortened_for_a_card_keeps_whole_sentences_and_cuts_a_word_only_when_one_sentence_is_too_long(string text, int max, string expected) =>
        Assert.Equal(expected, PlainText.ShortenToSentences(text, max));

    [Fact]
    public void Shorten_cuts_at_a_word_and_marks_the_cut()
    {
        Assert.Equal("one two…", PlainText.Shorten("one two three four", 10));
        Assert.Equal("short", PlainText.Shorten("short", 10));
    }
}
