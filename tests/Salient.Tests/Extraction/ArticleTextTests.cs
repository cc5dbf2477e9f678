using AngleSharp.Html.Parser;
using Salient.Extraction;

namespace Salient.Tests.Extraction;

public sealed class ArticleTextTests
{
    private static string Text(string html, bool readerText = true)
    {
        using var doc = new HtmlParser().ParseDocument($"<body>{html}</body>");
        return ArticleText.Write(doc.Body!, readerText);
    }

    [Fact]
    public void Adjacent_blocks_never_glue_their_words_together()
    {
        var text = Text("<div>First block.</div><div>Second block.</div><ul><li>one</li><li>two</li></ul><h2>Heading</h2><p>Para</p><table><tr><td>a</td><td>b</td></tr></table>");
        Assert.Equal("First block.\nSecond block.\n\none\ntwo\n\nHeading\n\nPara\n\na b", text);
    }

    [Fact]
    public void Paragraphs_are_separated_by_one_blank_line_and_whitespace_is_collapsed()
    {
        Assert.Equal("One two three.\n\nFour.", Text("<p>  One\n   two <b>three</b>. </p>\n\n\n<p>Four.</p>"));
    }

    [Fact]
    public void Line_breaks_inside_a_paragraph_become_newlines()
    {
        Assert.Equal("Line one\nLine two", Text("<p>Line one<br>Line two</p>"));
    }

    [Fact]
    public void Scripts_styles_and_hidden_elements_contribute_no_text()
    {
        var text = Text("<p>Visible</p><script>var x = 'secret';</script><style>p{}</style><p hidden>hidden one</p><p style='display: none'>hidden two</p><noscript>enable js</noscript>");
        Assert.Equal("Visible", text);
    }

    [Fact]
    public void Captions_and_credits_are_left_out_of_reader_text_but_kept_otherwise()
    {
        const string html = "<p>Body text.</p><figure><img src='x.jpg'><figcaption>A caption. Photo: Agency</figcaption></figure><p>More.</p><div class='image-credit'>Getty</div>";
        Assert.Equal("Body text.\n\nMore.", Text(html));
        Assert.Contains("A caption.", Text(html, readerText: false), StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_holding_a_pull_quote_is_kept()
    {
        Assert.Equal("Before.\n\nA quote worth keeping.\n\nAfter.", Text("<p>Before.</p><figure><blockquote>A quote worth keeping.</blockquote></figure><p>After.</p>"));
    }

    [Fact]
    public void A_class_that_merely_mentions_captions_does_not_hide_content()
    {
        Assert.Equal("Important paragraph.", Text("<div class='item no_caption'><p>Important paragraph.</p></div>"));
    }

    [Theory]
    [InlineData("Advertisement")]
    [InlineData("ADVERTISEMENT")]
    [InlineData("Story continues below advertisement")]
    [InlineData("Sign up for our daily newsletter")]
    [InlineData("Share this article")]
    [InlineData("Related: Ten things you missed")]
    [InlineData("Read more: How the vote was counted")]
    [InlineData("Photo: Reuters")]
    public void Boilerplate_lines_are_removed(string line)
    {
        Assert.Equal("Real sentence one.\n\nReal sentence two.", Text($"<p>Real sentence one.</p><p>{line}</p><p>Real sentence two.</p>"));
    }

    [Theory]
    [InlineData("Related to the vote, officials said the count would resume on Monday.")]
    [InlineData("Share prices fell sharply on Monday after the announcement.")]
    [InlineData("Advertising revenue rose 4% in the quarter, the company said.")]
    public void Sentences_that_start_like_boilerplate_are_kept(string line)
    {
        Assert.Contains(line, Text($"<p>Intro.</p><p>{line}</p>"), StringComparison.Ordinal);
    }

    [Fact]
    public void Preformatted_text_keeps_its_lines()
    {
        Assert.Equal("Code:\n\nline 1\n  line 2", Text("<p>Code:</p><pre>line 1\n  line 2</pre>"));
    }

    [Fact]
    public void A_page_of_a_hundred_thousand_paragraphs_keeps_each_one_as_its_own_paragraph_in_order()
    {
        var parser = new HtmlParser();
        using var doc = parser.ParseDocument("<body>" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"<p>word{i}</p>")) + "</body>");
        var paragraphs = ArticleText.Write(doc.Body!, readerText: false).Split("\n\n");
        Assert.Equal(100_000, paragraphs.Length);
        Assert.Equal("word0", paragraphs[0]);
        Assert.Equal("word54321", paragraphs[54_321]);
        Assert.Equal("word99999", paragraphs[^1]);
    }

    [Fact]
    public void A_page_nested_ten_thousand_levels_deep_is_written_on_a_small_stack_without_overflowing_it()
    {
        // Building a deep tree in AngleSharp costs the square of its depth, so the depth stays at 10,000 and the
        // stack is made small instead: 128 KB holds nowhere near 10,000 frames of a writer that recurses.
        var parser = new HtmlParser();
        using var doc = parser.ParseDocument("<body></body>");
        AngleSharp.Dom.IElement node = doc.Body!;
        for (var i = 0; i < 10_000; i++)
        {
            var child = doc.CreateElement("span");
            node.AppendChild(child);
            node = child;
        }
        node.TextContent = "deep";
        string? text = null;
        var thread = new Thread(() => text = ArticleText.Write(doc.Body!), maxStackSize: 128 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal("deep", text);
    }
}
