using System.Text;
using Salient.Sources;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Sources;

public sealed class OpmlTests
{
    private static OpmlDocument Parse(string xml) => Opml.Parse(Encoding.UTF8.GetBytes(xml), "test.opml");

    [Fact]
    public void Feeds_nested_in_folders_at_any_depth_are_found_and_the_folder_is_their_category()
    {
        var doc = Parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="1.0"><head><title>x</title></head><body>
              <outline text="World">
                <outline text="Europe">
                  <outline type="rss" text="Paper" title="The Paper" xmlUrl="https://paper.example/rss" htmlUrl="https://paper.example/"/>
                </outline>
                <outline type="rss" text="Wire" xmlUrl="https://wire.example/feed"/>
              </outline>
              <outline type="rss" text="Loose" xmlUrl="https://loose.example/atom.xml"/>
            </body></opml>
            """);
        Assert.Equal(3, doc.Sources.Count);
        var paper = doc.Sources.Single(s => s.Url == "https://paper.example/rss");
        Assert.Equal("The Paper", paper.Name);
        Assert.Equal("Europe", paper.Category);
        Assert.Equal("https://paper.example/", paper.SiteUrl);
        Assert.Equal("World", doc.Sources.Single(s => s.Url == "https://wire.example/feed").Category);
        Assert.Null(doc.Sources.Single(s => s.Url == "https://loose.example/atom.xml").Category);
    }

    [Fact]
    public void Missing_titles_odd_attribute_case_and_unusable_urls_are_handled_without_failing()
    {
        var doc = Parse("""
            <opml><body>
              <outline XMLURL="https://a.example/feed"/>
              <outline text="No feed here"/>
              <outline text="Relative" xmlUrl="/feed.xml"/>
              <outline text="Mail" xmlUrl="mailto:x@example.com"/>
              <outline text="Dupe" xmlUrl="https://a.example/feed"/>
            </body></opml>
            """);
        var only = Assert.Single(doc.Sources);
        Assert.Equal("a.example", only.Name);
        Assert.Equal(2, doc.Problems.Count);
    }

    [Fact]
    public void Bare_ampersands_and_html_entities_are_repaired()
    {
        var doc = Parse("""<opml><body><outline text="Caf&eacute; &nbsp;News" xmlUrl="https://x.example/rss?a=1&b=2"/></body></opml>""");
        var s = Assert.Single(doc.Sources);
        Assert.Equal("https://x.example/rss?a=1&b=2", s.Url);
        Assert.StartsWith("Café", s.Name, StringComparison.Ordinal);
        Assert.NotEmpty(doc.Problems);
    }

    [Theory]
    [InlineData("<opml><body><outline text=\"x\" xmlUrl=\"https://x.example/\"></body>")]
    [InlineData("this is not xml at all")]
    [InlineData("<html><body><p>hello</p></body></html>")]
    [InlineData("")]
    public void A_file_that_is_not_opml_fails_with_a_message_naming_the_file(string xml)
    {
        var e = Assert.Throws<OpmlException>(() => Parse(xml));
        Assert.Contains("test.opml", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exported_sources_read_back_the_same()
    {
        var now = ManualClock.DefaultStart;
        var sources = new List<Source>
        {
            new(1, "https://a.example/rss?x=1&y=2", "A & Co", "https://a.example/", "GB", "en", 1, "world", true, true, 900, null, null, now, null, null, null, null, 0, 0),
            new(2, "https://b.example/feed", "B", null, null, null, 3, null, false, true, 900, null, null, now, null, null, null, null, 0, 0),
        };
        var doc = Parse(Opml.Write(sources, now));
        Assert.Equal(2, doc.Sources.Count);
        Assert.Empty(doc.Problems);
        var a = doc.Sources.Single(s => s.Url.StartsWith("https://a.", StringComparison.Ordinal));
        Assert.Equal(("https://a.example/rss?x=1&y=2", "A & Co", "GB", "en", 1, "world"), (a.Url, a.Name, a.Country, a.Language, a.Tier, a.Category));
        Assert.Equal(3, doc.Sources.Single(s => s.Url.StartsWith("https://b.", StringComparison.Ordinal)).Tier);
    }

    [Theory]
    [InlineData("<opml><head><outline xmlUrl=\"https://head.example/rss\"/></head><body><outline xmlUrl=\"https://a.example/rss\"/></body><outline xmlUrl=\"https://after.example/rss\"/></opml>", "https://a.example/rss", 0)]
    [InlineData("<opml><outline text=\"F\"><outline xmlUrl=\"https://a.example/rss\"/></outline><other><outline xmlUrl=\"https://hidden.example/rss\"/></other></opml>", "https://a.example/rss|F", 0)]
    [InlineData("<opml><body><outline xmlUrl=\"https://a.example/rss\"/></body><BODY><outline text=\"G\"><x><outline xmlUrl=\"https://hidden.example/rss\"/></x><outline xmlUrl=\"https://b.example/rss\"/></outline></BODY></opml>", "https://a.example/rss https://b.example/rss|G", 0)]
    [InlineData("<subscriptions><outline text=\"F\" xmlUrl=\"https://a.example/rss\"><outline xmlUrl=\"https://b.example/rss\"/></outline></subscriptions>", "https://a.example/rss https://b.example/rss", 1)]
    public void Only_outlines_in_the_body_or_without_a_body_directly_under_the_root_are_read_in_document_order(string xml, string expected, int problems)
    {
        var doc = Parse(xml);
        Assert.Equal(expected, string.Join(' ', doc.Sources.Select(s => s.Url)) + (doc.Sources.LastOrDefault()?.Category is { } c ? "|" + c : ""));
        Assert.Equal(problems, doc.Problems.Count);
    }

    [Fact]
    public void An_outline_nested_100000_folders_deep_is_imported_without_overflowing_the_stack()
    {
        var doc = Salient.Tests.Support.Hostile.OnSmallStack(() => Parse(Salient.Tests.Support.Hostile.NestedOpml(100_000)));
        Assert.Equal(["http://deep.example/feed.xml", "http://shallow.example/feed.xml"], doc.Sources.Select(s => s.Url));
        Assert.Equal("folder", doc.Sources[0].Category);
    }
}
