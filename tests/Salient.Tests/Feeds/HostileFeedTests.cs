using System.Text;
using Salient.Feeds;
using Salient.Tests.Support;

namespace Salient.Tests.Feeds;

/// <summary>Feeds built to hurt the reader: every one is read (or refused) on an ordinary stack, quickly, within bounded memory.</summary>
public sealed class HostileFeedTests
{
    private static readonly FeedParser Parser = new();

    private static ParsedFeed Parse(string xml) => Hostile.OnSmallStack(() => Parser.Parse(Encoding.UTF8.GetBytes(xml), "application/rss+xml", new Uri("http://deep.example/feed")));

    [Theory]
    [InlineData(40_000)]
    [InlineData(200_000)]
    public void An_item_nesting_tens_of_thousands_of_elements_is_read_with_its_text_and_the_repair_named(int depth)
    {
        var feed = Parse(Hostile.NestedRss(depth));
        Assert.Equal(2, feed.Items.Count);
        Assert.Contains("core", feed.Items[0].Summary, StringComparison.Ordinal);
        Assert.Contains("too-deeply-nested", feed.Recovered);
    }

    [Fact]
    public void Atom_xhtml_content_nesting_50000_divs_is_read()
    {
        var feed = Parse(Hostile.NestedAtomXhtml(50_000));
        var entry = Assert.Single(feed.Items);
        Assert.Contains("core", entry.Content ?? entry.Summary, StringComparison.Ordinal);
        Assert.Contains("too-deeply-nested", feed.Recovered);
    }

    [Fact]
    public void Markup_escaped_inside_a_description_is_kept_no_deeper_than_the_sanitiser_allows()
    {
        var feed = Parse(Hostile.EscapedNestingRss(100_000));
        var summary = Assert.Single(feed.Items).Summary!;
        Assert.Contains("core", summary, StringComparison.Ordinal);
        Assert.InRange(CountOccurrences(summary, "<div"), 1, Salient.Text.SafeHtml.MaxDepth);
    }

    [Fact]
    public void A_1_KB_entity_used_100000_times_is_refused_as_an_entity_bomb()
    {
        var e = Assert.Throws<FeedParseException>(() => Parse(Hostile.EntityExpansionRss()));
        Assert.Contains("entity", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feed_using_its_own_entities_modestly_still_reads_them()
    {
        var feed = Parse("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY org \"The Example Organisation\">]><rss version=\"2.0\"><channel><title>&org;</title>" +
            "<item><title>News from &org;</title><link>http://x.example/a</link></item></channel></rss>");
        Assert.Equal("The Example Organisation", feed.Title);
        Assert.Equal("News from The Example Organisation", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void The_billion_laughs_expands_nothing()
    {
        var feed = Parse(Hostile.BillionLaughsRss());
        var item = Assert.Single(feed.Items);
        Assert.True(item.Title!.Length < 200, item.Title);
        Assert.DoesNotContain("lollol", item.Summary ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_feed_whose_strings_hold_half_a_character_is_read_with_the_replacement_character_and_the_repair_named()
    {
        const string json = """{"version":"https://jsonfeed.org/version/1.1","title":"News \ud800","items":[{"id":"1","title":"Cut emoji \udc00 here","content_text":"Ends in half \ud83d","url":"https://deep.example/1"},{"id":"2","title":"Whole emoji \ud83d\ude00 kept"}]}""";

        var feed = Hostile.OnSmallStack(() => Parser.Parse(Encoding.UTF8.GetBytes(json), "application/feed+json", new Uri("http://deep.example/feed.json")));

        Assert.Equal("News \ufffd", feed.Title);
        Assert.Equal(["Cut emoji \ufffd here", "Whole emoji \U0001F600 kept"], feed.Items.Select(i => i.Title));
        Assert.Contains("broken-surrogates", feed.Recovered);
    }

    [Fact]
    public void A_json_feed_escaping_control_characters_is_read_without_them_as_an_xml_feed_would_be()
    {
        const string json = """{"version":"https://jsonfeed.org/version/1.1","title":"Nul\u0000 feed","items":[{"id":"n\u00001","title":"Fed\u0000 holds\b rates\u0007 steady\f","content_text":"Line one\nline\ttwo\u001f.","authors":[{"name":"Ann\u0000"}],"tags":["a\u0000b"],"url":"https://deep.example/1"},{"id":"2","title":"A path C:\\u0000 stays"}]}""";

        var feed = Hostile.OnSmallStack(() => Parser.Parse(Encoding.UTF8.GetBytes(json), "application/feed+json", new Uri("http://deep.example/feed.json")));

        Assert.Equal("Nul feed", feed.Title);
        var item = feed.Items[0];
        Assert.Equal("Fed holds rates steady", item.Title);
        Assert.Equal("n1", item.Id);
        Assert.Equal("Ann", item.Author);
        Assert.Equal(["ab"], item.Categories);
        Assert.Equal("Line one\nline\ttwo.", item.Content);
        Assert.Equal("A path C:\\u0000 stays", feed.Items[1].Title);
        Assert.Contains("control-characters", feed.Recovered);
    }

    [Fact]
    public void External_entities_are_never_read()
    {
        var feed = Parse(Hostile.XxeRss());
        var item = Assert.Single(feed.Items);
        foreach (var text in new[] { feed.Title, item.Title, item.Summary })
        {
            Assert.DoesNotContain("root:", text ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void End_tags_that_close_nothing_leave_the_text_around_them_whole()
    {
        var body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Stray</title><item><title>Stray item</title><link>http://s.example/a</link><description>"
            + Hostile.Repeat("a</y>", 200_000) + "</description></item></channel></rss>";
        var feed = Parse(body);
        Assert.Equal(new string('a', 200_000), Assert.Single(feed.Items).Summary);
        Assert.Contains("mismatched-tags", feed.Recovered);
    }

    private static int CountOccurrences(string s, string what)
    {
        var count = 0;
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
