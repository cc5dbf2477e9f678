using System.IO.Compression;
using System.Text;
using AngleSharp.Css.Dom;
using Salient.Extraction;
using Salient.Tests.Support;
using Salient.Text;

namespace Salient.Tests.Extraction;

public sealed class ArticleExtractorTests
{
    private static readonly Uri Url = new("https://news.example/world/2024/story.html");

    /// <summary>A plausible article page: a header, a navigation list, an article of several paragraphs, a footer.</summary>
    internal static string ArticlePage(string body, string head = "", string lang = "en") => $$"""
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>Storm floods coastal towns across the region | Example News</title>{{head}}</head>
        <body>
          <header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
          <main><article>
            <h1>Storm floods coastal towns across the region</h1>
            {{body}}
          </article></main>
          <footer><p>© Example News. All rights reserved. <a href="/privacy">Privacy</a></p></footer>
        </body></html>
        """;

    internal static string Paragraphs(int count, string topic = "storm") => string.Concat(Enumerable.Range(1, count).Select(i =>
        $"<p>Paragraph {i} about the {topic}: residents described rising water, closed roads and long nights without power, while officials promised help, repairs and a full review of the warning system before the next season begins.</p>"));

    [Fact]
    public void Extracts_title_text_byline_date_site_and_language_of_an_article()
    {
        var head = """
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="Jane Reporter">
            <meta property="article:published_time" content="2024-03-05T14:30:00+02:00">
            <meta name="description" content="Coastal towns flooded overnight.">
            """;
        var article = new ArticleExtractor().Extract(ArticlePage(Paragraphs(8), head), Url);
        Assert.NotNull(article);
        Assert.Equal("Storm floods coastal towns across the region", article.Title);
        Assert.Equal("Jane Reporter", article.Byline);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 12, 30, 0, TimeSpan.Zero), article.Published!.Value.ToUniversalTime());
        Assert.Equal("Example News", article.SiteName);
        Assert.Equal("en", article.Language);
        Assert.Equal("Coastal towns flooded overnight.", article.Excerpt);
        Assert.StartsWith("Paragraph 1 about the storm", article.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nParagraph 8 about the storm", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Privacy", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sport", article.Text, StringComparison.Ordinal);
        Assert.True(article.IsSubstantial);
    }

    [Fact]
    public void An_element_hidden_by_its_inline_style_stays_out_of_the_text_and_the_html_though_style_sheets_are_not_built()
    {
        var hidden = "<div style=\"color: red; DISPLAY :none\">" + string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"<p>Hidden promotion {i}: subscribe today for unlimited access to every story, podcast and newsletter we publish, with a discount for the first year.</p>")) + "</div>";
        var sheet = "<style>" + string.Concat(Enumerable.Range(1, 400).Select(i => $".c{i} {{ margin: {i}px; color: #{i % 10}{i % 10}{i % 10}; }} ")) + "</style>";
        var article = new ArticleExtractor().Extract(ArticlePage(Paragraphs(5) + hidden, sheet), Url);
        Assert.NotNull(article);
        Assert.Contains("Paragraph 5 about the storm", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden promotion", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden promotion", article.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parser_configuration_reads_inline_styles_but_builds_no_style_sheets()
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser(new AngleSharp.Html.Parser.HtmlParserOptions(),
            AngleSharp.BrowsingContext.New(ArticleExtractor.ParserConfiguration()));
        using var document = parser.ParseDocument("<html><head><style>p { color: red; }</style></head><body><p id=a style='display: none'>x</p></body></html>");
        Assert.Equal("none", document.GetElementById("a")!.GetStyle().GetDisplay());
        Assert.Empty(document.StyleSheets);
    }

    [Fact]
    public void Scripts_event_handlers_javascript_urls_frames_and_overlays_never_reach_the_html()
    {
        var hostile = """
            <p onclick="steal()" onmouseover="steal()">Clicking this paragraph should do nothing at all, whatever the page intended, because handlers are removed before display.</p>
            <script>document.cookie = 'stolen';</script>
            <p><a href="javascript:alert(1)">a javascript link</a> and <a href="/relative/page">a relative link</a> inside a paragraph long enough to count as content for the reader.</p>
            <iframe src="https://evil.example/frame"></iframe>
            <div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999">Overlay covering the page, with text long enough to be kept as part of the article by the reader.</div>
            <img src="x.jpg" onerror="steal()">
            <svg><script>steal()</script></svg>
            <form action="https://evil.example/login"><input name="password"></form>
            """;
        var article = new ArticleExtractor().Extract(ArticlePage(Paragraphs(5) + hostile), Url);
        Assert.NotNull(article);
        foreach (var banned in new[] { "<script", "onclick", "onmouseover", "onerror", "javascript:", "<iframe", "position:fixed", "position: fixed", "z-index", "style=", "<form", "<input" })
        {
            Assert.DoesNotContain(banned, article.Html, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("https://news.example/relative/page", article.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("stolen", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("steal()", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comment_thread_under_a_one_line_article_is_never_taken_for_the_article()
    {
        var comments = string.Concat(Enumerable.Range(50, 20).Select(i =>
            $"<div class=\"comment\" itemtype=\"https://schema.org/Comment\"><span class=\"author\">reader{i}</span><p>Aid agency slams the response to the crisis and asks why voting machines in another state were never audited by anyone at all, reader{i} writes at length about it.</p></div>"));
        var body = "<p>Storm floods coastal towns across the region, officials said on Monday.</p>" +
                   $"<section id=\"comments\" class=\"comments\"><h2>Comments</h2>{comments}</section>";

        var article = new ArticleExtractor().Extract(ArticlePage(body), Url);

        Assert.NotNull(article);
        Assert.Contains("officials said on Monday", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("reader5", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("voting machines", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("reader5", article.Html, StringComparison.Ordinal);
    }

    /// <summary>Readers' posts with nothing in their markup naming them comments: a handle, a time, the post, reply controls.</summary>
    private static string UnmarkedComments(int count, bool nestedReplies = false) => string.Concat(Enumerable.Range(50, count).Select(i =>
        $"<div class=\"c-item\"><div class=\"c-head\"><a href=\"/u/reader{i}\">reader{i}</a> <span>{i % 5 + 1} hours ago</span></div>" +
        $"<p>Aid agency slams the response to the crisis and asks why voting machines in another state were never audited by anyone at all, reader{i} writes.</p>" +
        $"<div class=\"c-foot\"><a href=\"#\">Reply</a> <button>Like</button> <span>{i} likes</span></div>" +
        (nestedReplies && i % 2 == 0
            ? $"<div class=\"c-replies\"><div class=\"c-item\"><a href=\"/profile/fan{i}\">fan{i}</a> <time datetime=\"2024-05-01\">May 1</time><p>Dominion Voting Systems answers reader{i} in a reply that runs on for a long while.</p><a href=\"#\">Reply</a></div></div>"
            : "") +
        "</div>"));

    [Fact]
    public void A_comment_thread_that_no_markup_names_is_never_taken_for_a_one_line_article()
    {
        var body = "<p>Storm floods coastal towns across the region, officials said on Monday.</p>" +
                   $"<div class=\"discussion\"><h3>Join the conversation</h3>{UnmarkedComments(20)}</div>";

        var article = new ArticleExtractor().Extract(ArticlePage(body), Url);

        Assert.NotNull(article);
        Assert.Contains("officials said on Monday", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("reader5", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("voting machines", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Join the conversation", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmarked_comment_thread_goes_with_its_nested_replies_and_the_article_keeps_every_paragraph()
    {
        var body = Paragraphs(4) + $"<section>{UnmarkedComments(12, nestedReplies: true)}</section>";

        var article = new ArticleExtractor().Extract(ArticlePage(body), Url);

        Assert.NotNull(article);
        Assert.Contains("Paragraph 1 about the storm", article.Text, StringComparison.Ordinal);
        Assert.Contains("Paragraph 4 about the storm", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dominion", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("voting machines", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("reader5", article.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_page_whose_entries_have_times_and_authors_but_no_reply_control_keeps_its_entries()
    {
        var entries = string.Concat(Enumerable.Range(1, 8).Select(i =>
            $"<div class=\"entry\"><time datetime=\"2024-05-01T0{i}:00Z\">{i} hours ago</time><span class=\"author\">By Staff</span>" +
            $"<p>Update {i}: rescue teams reached another flooded village, officials said, and more shelters opened along the coast overnight.</p><a href=\"#\">Share</a></div>"));

        var article = new ArticleExtractor().Extract(ArticlePage($"<div class=\"live\">{entries}</div>"), Url);

        Assert.NotNull(article);
        Assert.Contains("Update 1: rescue teams", article.Text, StringComparison.Ordinal);
        Assert.Contains("Update 8: rescue teams", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_links_without_any_sign_of_a_reader_post_leave_the_text_alone()
    {
        // A guide whose steps each end in a "Reply" link (how to answer a message) is not a comment thread.
        var steps = string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"<div class=\"step\"><p>Step {i} of answering a message from the flood relief office: open it, read the request for documents, and press the button below.</p><a href=\"/help/{i}\">Reply</a></div>"));

        var article = new ArticleExtractor().Extract(ArticlePage($"<div class=\"guide\">{steps}</div>"), Url);

        Assert.NotNull(article);
        Assert.Contains("Step 1 of answering", article.Text, StringComparison.Ordinal);
        Assert.Contains("Step 5 of answering", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Five_thousand_unmarked_comments_under_an_article_are_all_removed()
    {
        var body = Paragraphs(3) + $"<div>{UnmarkedComments(5000)}</div>";

        var article = new ArticleExtractor(new ExtractionOptions { MaxElements = 0 }).Extract(ArticlePage(body), Url);

        Assert.NotNull(article);
        Assert.Contains("Paragraph 3 about the storm", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("voting machines", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_of_other_stories_under_a_most_read_or_related_heading_that_no_class_names_are_not_the_article()
    {
        var mostRead = string.Concat(Enumerable.Range(1, 5).Select(i => $"<li><a href=\"/news/{i}\">Celebrity chef opens restaurant number {i} in the capital</a></li>"));
        var related = string.Concat(Enumerable.Range(1, 3).Select(i => $"<li><a href=\"/world/{i}\">Other flood story {i} from last year in the north</a></li>"));
        var body = Paragraphs(5) + $"<h3>Most read</h3><ol>{mostRead}</ol><p><strong>Related coverage</strong></p><ul>{related}</ul>" +
                   $"<div><h4>More from World</h4><div><ul>{related.Replace("flood", "drought", StringComparison.Ordinal)}</ul></div></div>";

        var article = new ArticleExtractor().Extract(ArticlePage(body), Url);

        Assert.NotNull(article);
        Assert.Contains("Paragraph 5 about the storm", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Celebrity chef", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Other flood story", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("drought story", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Most read", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Celebrity chef", article.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Listed_facts_and_link_lists_under_an_ordinary_heading_stay_in_the_article()
    {
        var facts = "<h3>The latest</h3><ul><li>Three bridges are closed along the coast road.</li><li>Shelters have opened in <a href=\"/towns\">four towns</a> for those who left.</li><li>Power is back for half of the region's homes.</li></ul>";
        var sources = "<h3>Where the warnings came from</h3><ul><li><a href=\"https://weather.example/alerts/1\">Coastal flood warning for the bay</a></li><li><a href=\"https://weather.example/alerts/2\">River flood warning for the valley</a></li></ul>";

        var article = new ArticleExtractor().Extract(ArticlePage(Paragraphs(4) + facts + sources), Url);

        Assert.NotNull(article);
        Assert.Contains("Three bridges are closed", article.Text, StringComparison.Ordinal);
        Assert.Contains("Power is back", article.Text, StringComparison.Ordinal);
        Assert.Contains("River flood warning for the valley", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_article_whose_wrapper_merely_mentions_comments_keeps_its_text()
    {
        var body = $"<div class=\"story comments-enabled\">{Paragraphs(6)}</div>";

        var article = new ArticleExtractor().Extract(ArticlePage(body), Url);

        Assert.NotNull(article);
        Assert.Contains("Paragraph 6 about the storm", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_in_a_legacy_charset_declared_in_a_meta_tag_are_decoded()
    {
        var page = ArticlePage(Paragraphs(5).Replace("residents", "Bürger und Anwohner", StringComparison.Ordinal)).Replace("<meta charset=\"utf-8\">", "<meta charset=\"iso-8859-1\">", StringComparison.Ordinal);
        var article = new ArticleExtractor().Extract(Charset.Windows1252.GetBytes(page), "text/html", Url);
        Assert.NotNull(article);
        Assert.Contains("Bürger und Anwohner", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_http_charset_does_not_garble_a_utf8_page()
    {
        var page = ArticlePage(Paragraphs(5).Replace("residents", "Bürger «mit Akzenten» — et des élèves", StringComparison.Ordinal));
        var article = new ArticleExtractor().Extract(Encoding.UTF8.GetBytes(page), "text/html; charset=iso-8859-1", Url);
        Assert.NotNull(article);
        Assert.Contains("Bürger «mit Akzenten» — et des élèves", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_compressed_body_is_accepted()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(ArticlePage(Paragraphs(5))));
        }
        var article = new ArticleExtractor().Extract(buffer.ToArray(), null, Url);
        Assert.NotNull(article);
        Assert.Contains("Paragraph 5", article.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("<html><head><title>Nothing here</title></head><body></body></html>")]
    public void A_page_without_content_gives_null(string html)
    {
        Assert.Null(new ArticleExtractor().Extract(html, Url));
        Assert.Null(new ArticleExtractor().Extract(Encoding.UTF8.GetBytes(html), "text/html", Url));
    }

    [Fact]
    public void Binary_bodies_are_refused_with_a_clear_error()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
        var error = Assert.Throws<ExtractionException>(() => new ArticleExtractor().Extract(png, null, Url));
        Assert.Contains("not an HTML page", error.Message, StringComparison.Ordinal);
        Assert.Contains(Url.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Throws<ExtractionException>(() => new ArticleExtractor().Extract("%PDF-1.7 stream"u8.ToArray(), null, Url));
    }

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("image/jpeg")]
    [InlineData("application/json; charset=utf-8")]
    public void Non_html_content_types_are_refused(string contentType)
    {
        var error = Assert.Throws<ExtractionException>(() => new ArticleExtractor().Extract(Encoding.UTF8.GetBytes(ArticlePage(Paragraphs(3))), contentType, Url));
        Assert.Contains(contentType.Split(';')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_over_the_element_limit_is_refused_rather_than_parsed()
    {
        var options = new ExtractionOptions { MaxElements = 5_000 };
        var page = ArticlePage(Paragraphs(3) + string.Concat(Enumerable.Repeat("<span>x</span>", 10_000)));
        var error = Assert.Throws<ExtractionException>(() => new ArticleExtractor(options).Extract(page, Url));
        Assert.Contains("5000 elements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extraction_that_overruns_its_timeout_fails_with_a_clear_error_instead_of_hanging()
    {
        // A page that takes hundreds of milliseconds against a budget of one: no scheduling delay closes that gap.
        var options = new ExtractionOptions { Timeout = TimeSpan.FromMilliseconds(1) };
        var page = ArticlePage(Paragraphs(10_000));
        var error = Assert.Throws<ExtractionException>(() => new ArticleExtractor(options).Extract(page, Url));
        Assert.Contains("took longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_nesting_100000_divs_is_stopped_at_its_deadline_and_its_thread_ends_with_it()
    {
        // 1.1 MB that AngleSharp alone takes minutes of CPU to parse: the deadline must end the work, not abandon it.
        var extractor = new ArticleExtractor(new ExtractionOptions { Timeout = TimeSpan.FromSeconds(2) });
        var page = Encoding.UTF8.GetBytes(Salient.Tests.Support.Hostile.NestedPage(100_000));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => extractor.ExtractAsync(page, "text/html", Url));

        Assert.Contains("took longer than 2 s and was stopped", error.Message, StringComparison.Ordinal);
        // The call returns only once the extraction thread has stopped: nothing keeps burning CPU behind it.
        Assert.Equal(0, extractor.Running);
    }

    [Fact]
    public async Task An_extraction_cancelled_by_its_caller_stops_and_is_not_reported_as_a_timeout()
    {
        var extractor = new ArticleExtractor(new ExtractionOptions { Timeout = TimeSpan.FromMinutes(5) });
        var page = Encoding.UTF8.GetBytes(Salient.Tests.Support.Hostile.NestedPage(100_000));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extractor.ExtractAsync(page, "text/html", Url, stop.Token));

        Assert.Equal(0, extractor.Running);
    }

    [Fact]
    public void A_deeply_nested_page_neither_crashes_nor_hangs()
    {
        var page = ArticlePage(Paragraphs(5) + string.Concat(Enumerable.Repeat("<div>", 5_000)) + "deep text" + string.Concat(Enumerable.Repeat("</div>", 5_000)));
        var article = new ArticleExtractor().Extract(page, Url);
        Assert.NotNull(article);
        Assert.Contains("Paragraph 1", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_page_is_extracted_or_refused_within_the_timeout()
    {
        // One enormous paragraph and many small ones: 3 MB of markup.
        var page = ArticlePage(Paragraphs(2_000) + "<p>" + string.Concat(Enumerable.Repeat("word ", 200_000)) + "</p>");
        Assert.True(page.Length > 1_000_000);
        try
        {
            var article = new ArticleExtractor().Extract(page, Url);
            Assert.NotNull(article);
        }
        catch (ExtractionException e)
        {
            Assert.Contains(Url.ToString(), e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Detected_language_overrules_a_template_that_declares_another()
    {
        var german = string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"<p>Absatz {i}: Die Bewohner der Küstenstädte berichteten von steigendem Wasser, gesperrten Straßen und langen Nächten ohne Strom, während die Behörden schnelle Hilfe versprachen.</p>"));
        var article = new ArticleExtractor().Extract(ArticlePage(german, lang: "en"), Url);
        Assert.Equal("de", article!.Language);
    }

    [Theory]
    [InlineData(2024, 1, true)]
    [InlineData(2024, 3, false)]
    [InlineData(2041, 1, true)]
    [InlineData(2041, 3, false)]
    public void A_declared_publication_time_up_to_two_days_after_the_clock_is_kept_and_one_further_ahead_is_refused(int year, int daysAhead, bool kept)
    {
        // Clocks before and after the machine's date: what counts is the extractor's clock, never the machine's.
        var clock = new ManualClock(new DateTimeOffset(year, 3, 5, 9, 0, 0, TimeSpan.Zero));
        var declared = clock.GetUtcNow().AddDays(daysAhead);
        var stamp = declared.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var extractor = new ArticleExtractor(new ExtractionOptions(), clock);

        var meta = extractor.Extract(ArticlePage(Paragraphs(6), $"<meta property=\"article:published_time\" content=\"{stamp}\">"), Url);
        var jsonLd = extractor.Extract(ArticlePage(Paragraphs(6),
            $$"""<script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm","datePublished":"{{stamp}}"}</script>"""), Url);
        var time = extractor.Extract(ArticlePage($"<time pubdate datetime=\"{stamp}\">then</time>" + Paragraphs(6)), Url);

        foreach (var article in new[] { meta, jsonLd, time })
        {
            Assert.NotNull(article);
            Assert.Equal(kept ? declared : null, article.Published);
        }
        Assert.Equal(kept ? declared : null, PageFacts.ParseDate(stamp, clock.GetUtcNow()));
        Assert.Null(PageFacts.ParseDate("1989-12-31T00:00:00Z", clock.GetUtcNow()));
    }

    [Fact]
    public void Declared_region_codes_are_reduced_to_iso_639_1()
    {
        Assert.Equal("pt", PageFacts.NormaliseLanguage("pt-BR"));
        Assert.Equal("en", PageFacts.NormaliseLanguage("EN_gb"));
        Assert.Null(PageFacts.NormaliseLanguage("english"));
        Assert.Null(PageFacts.NormaliseLanguage("x1"));
    }

    [Fact]
    public void Json_ld_article_body_replaces_a_reader_view_that_found_only_a_fragment()
    {
        var body = string.Join("\\n", Enumerable.Range(1, 12).Select(i =>
            $"Paragraph {i} of the full story, as the publisher states it in its structured data, with enough words to be a real paragraph of news."));
        var head = $$"""<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Storm","datePublished":"2024-03-05T10:00:00Z","articleBody":"{{body}}"}</script>""";
        var page = ArticlePage("<p>Only a short teaser paragraph is in the markup, the rest is rendered by a script on the reader's browser.</p>", head);
        var article = new ArticleExtractor().Extract(page, Url);
        Assert.NotNull(article);
        Assert.StartsWith("Paragraph 1 of the full story", article.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nParagraph 12 of the full story", article.Text, StringComparison.Ordinal);
        Assert.Contains("<p>Paragraph 12 of the full story", article.Html, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 10, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void Broken_json_ld_is_ignored()
    {
        var head = """<script type="application/ld+json">{"@type":"NewsArticle", "articleBody": "unterminated </script>""";
        var article = new ArticleExtractor().Extract(ArticlePage(Paragraphs(5), head), Url);
        Assert.NotNull(article);
        Assert.StartsWith("Paragraph 1", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ld_holding_half_a_character_or_a_number_for_a_date_is_read_around_and_the_article_kept()
    {
        var head = """<script type="application/ld+json">{"@type":"NewsArticle","headline":"\udc00 Storm","datePublished":999999999999999999,"author":{"name":"Ana \ud800"}}</script>""";
        var article = new ArticleExtractor().Extract(ArticlePage(Paragraphs(5), head), Url);
        Assert.NotNull(article);
        Assert.StartsWith("Paragraph 1", article.Text, StringComparison.Ordinal);
        Assert.Null(article.Published);
        Assert.DoesNotContain(article.Byline ?? "", c => char.IsSurrogate(c));
    }

    [Fact]
    public void A_page_with_a_stray_nul_in_its_markup_is_read_without_it_and_binary_data_is_still_refused()
    {
        var page = Encoding.UTF8.GetBytes(ArticlePage(Paragraphs(5).Replace("Paragraph 2", "Para\0graph 2", StringComparison.Ordinal), "<meta name=\"description\" content=\"Storm\0 hits\">"));
        var article = new ArticleExtractor().Extract(page, "text/html", Url);
        Assert.NotNull(article);
        Assert.Contains("Paragraph 2", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', article.Text + article.Html + article.Title);

        var random = new byte[4096];
        new Random(7).NextBytes(random);
        random[10] = 0;
        var e = Assert.Throws<ExtractionException>(() => new ArticleExtractor().Extract(random, "text/html", Url));
        Assert.Contains("binary data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paywalled_teaser_is_not_substantial_so_ingest_can_keep_the_feed_content()
    {
        var head = """<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script>""";
        var article = new ArticleExtractor().Extract(ArticlePage(Paragraphs(2) + "<p>Subscribe to continue reading this article.</p>", head), Url);
        Assert.NotNull(article);
        Assert.True(article.Paywalled);
        Assert.False(article.IsSubstantial);
    }

    [Fact]
    public void A_short_stub_is_not_substantial()
    {
        var stub = new ExtractedArticle("t", null, null, null, "en", null, "Just a few words here.", "<p>Just a few words here.</p>");
        Assert.False(stub.IsSubstantial);
        Assert.True(stub.IsSubstantialAt(3));
    }

    [Fact]
    public void Unusable_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ArticleExtractor(new ExtractionOptions { Timeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new ArticleExtractor(new ExtractionOptions { MaxElements = -1 }));
    }
}
