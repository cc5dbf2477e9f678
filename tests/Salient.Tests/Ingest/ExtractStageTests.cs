using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Salient.Bench;
using Salient.Extraction;
using Salient.Ingest;
using Salient.Polling;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Ingest;

public sealed class ExtractStageTests : IAsyncLifetime
{
    private static readonly string Paragraphs = string.Concat(Enumerable.Range(0, 6).Select(i =>
        $"<p>Paragraph {i}: the café owners in the old town said the new rules on opening hours would change how they work, " +
        "and several of them described the consultation as rushed and poorly explained to residents.</p>"));

    private readonly TempDir _dir = new();
    private LoopbackSite _site = null!;
    private HttpFetcher _fetcher = null!;
    private ExtractStage _stage = null!;

    public async Task InitializeAsync()
    {
        _site = await LoopbackSite.StartAsync();
        _fetcher = new HttpFetcher(new PollingOptions { ReadTimeoutSeconds = 10, TotalTimeoutSeconds = 20 }, TimeProvider.System);
        var db = Database.Create(_dir.File("x.db"));
        _stage = new ExtractStage(new ArticleStore(db, TimeProvider.System), _fetcher, new ArticleExtractor(), new IngestOptions(), NullLogger<ExtractStage>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        _fetcher.Dispose();
        _dir.Dispose();
    }

    private static string Page(string head, string body) => $"<!doctype html><html><head>{head}<title>Opening hours</title></head><body><article><h1>Opening hours</h1>{body}</article></body></html>";

    private async Task<ExtractionOutcome> ExtractAsync(string path, string? feedContent = "<p>Feed summary.</p>")
    {
        var article = new ArticleToExtract(1, null, _site.Url(path), "Opening hours", null, feedContent, "en", 1);
        var fetch = await _fetcher.GetAsync(new Uri(article.Url), new Uri(article.Url), ExtractStage.PageAccept, null, CancellationToken.None);
        return await _stage.ExtractAsync(article, fetch);
    }

    [Fact]
    public async Task A_page_in_windows_1252_without_any_charset_is_decoded()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        _site.MapBytes("/a", Encoding.GetEncoding(1252).GetBytes(Page("", Paragraphs)), "text/html");
        var o = await ExtractAsync("/a");
        Assert.Equal("page", o.Extraction);
        Assert.Contains("café owners", o.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_whose_meta_says_latin1_while_http_says_nothing_is_decoded_as_windows_1252()
    {
        _site.MapBytes("/a", Encoding.GetEncoding(1252).GetBytes(Page("<meta charset=\"iso-8859-1\">", Paragraphs.Replace("café", "caf\u00e9 \u201cquoted\u201d", StringComparison.Ordinal))), "text/html");
        var o = await ExtractAsync("/a");
        Assert.Contains("café “quoted”", o.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_utf8_page_mislabelled_as_latin1_by_http_keeps_the_declared_charset()
    {
        _site.MapBytes("/a", Encoding.UTF8.GetBytes(Page("", Paragraphs)), "text/html; charset=utf-8");
        var o = await ExtractAsync("/a");
        Assert.Contains("café owners", o.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_cannot_be_fetched_keeps_the_feed_content_and_says_why()
    {
        var o = await ExtractAsync("/missing");
        Assert.Equal("feed", o.Extraction);
        Assert.Contains("404", o.ExtractError, StringComparison.Ordinal);
        Assert.Equal("Feed summary.", o.Text);
    }

    [Fact]
    public async Task A_link_to_something_that_is_not_html_keeps_the_feed_content()
    {
        _site.MapBytes("/a.pdf", [0x25, 0x50, 0x44, 0x46, 0x2D], "application/pdf");
        var o = await ExtractAsync("/a.pdf");
        Assert.Equal("feed", o.Extraction);
        Assert.Contains("application/pdf", o.ExtractError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teaser_page_shorter_than_the_feed_content_keeps_the_feed_content()
    {
        _site.MapContent("/a", Page("", "<p>Subscribe to read the rest of this article.</p>"), "text/html");
        var o = await ExtractAsync("/a", Paragraphs);
        Assert.Equal("feed", o.Extraction);
        Assert.Contains("café owners", o.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_marked_paywalled_with_little_text_keeps_the_feed_content()
    {
        var head = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"isAccessibleForFree\": \"False\"}</script>";
        _site.MapContent("/a", Page(head, "<p>Only the first paragraph of the story is visible to visitors who are not subscribed to the paper.</p>"), "text/html");
        var o = await ExtractAsync("/a", Paragraphs);
        Assert.Equal("feed", o.Extraction);
        Assert.Contains("paywalled", o.ExtractError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_neither_page_nor_feed_content_the_article_is_marked_as_having_no_text()
    {
        var o = await ExtractAsync("/missing", feedContent: null);
        Assert.Equal("none", o.Extraction);
        Assert.Null(o.Text);
    }
}
