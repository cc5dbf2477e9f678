using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Salient.Extraction;
using Salient.Pipeline;
using Salient.Polling;
using Salient.Storage;
using Salient.Text;

namespace Salient.Ingest;

/// <summary>
/// The extract stage: fetches each discovered article's page (under the same politeness rules as feeds),
/// extracts its readable text with <see cref="ArticleExtractor"/>, and when the page cannot be fetched, is not HTML,
/// fails to extract, or is a paywall or teaser (not substantial while the feed says more), keeps the feed's own
/// content instead and says why (articles.extraction, extract_error).
/// Fetching and extracting run side by side: fetchers feed a bounded channel read by one extractor per core.
/// </summary>
internal sealed partial class ExtractStage(ArticleStore articles, HttpFetcher fetcher, ArticleExtractor extractor, IngestOptions options,
    ILogger<ExtractStage> logger) : IPipelineStage
{
    public const string PageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
    private static TimeSpan Lease => WorkLeases.Duration;
    private readonly string _owner = WorkLeases.Owner("extract");

    public string Name => "extract";

    public int Order => 10;

    public Task<long> CountPendingAsync(CancellationToken ct) => articles.CountAtStageAsync(ArticleStage.Discovered, ct);

    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        var claimed = await articles.ClaimForExtractionAsync(_owner, options.ExtractBatchSize, Lease, ct).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return 0;
        }
        var outcomes = new ConcurrentQueue<ExtractionOutcome>();
        if (!options.FetchPages)
        {
            foreach (var a in claimed)
            {
                outcomes.Enqueue(FromFeed(a, "page fetching is turned off (Ingest:FetchPages)"));
            }
        }
        else
        {
            var pages = Channel.CreateBounded<(ArticleToExtract Article, FetchResult Fetch)>(new BoundedChannelOptions(options.ExtractConcurrency * 2)
            {
                SingleReader = false,
                SingleWriter = false,
            });
            var extractors = Enumerable.Range(0, options.ExtractConcurrency).Select(_ => Task.Run(async () =>
            {
                await foreach (var (article, fetch) in pages.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    outcomes.Enqueue(await ExtractAsync(article, fetch).ConfigureAwait(false));
                }
            }, ct)).ToList();
            try
            {
                await Parallel.ForEachAsync(InterleaveByHost(claimed), new ParallelOptions { MaxDegreeOfParallelism = options.FetchConcurrency, CancellationToken = ct },
                    async (article, token) =>
                    {
                        // Only the source's own feed address may make an internal address fetchable (NetworkPolicy).
                        var chosen = Uri.TryCreate(article.SourceUrl, UriKind.Absolute, out var feedUrl) ? feedUrl : null;
                        var fetch = Uri.TryCreate(article.Url, UriKind.Absolute, out var url)
                            ? await fetcher.GetAsync(url, chosen, PageAccept, null, token).ConfigureAwait(false)
                            : null;
                        if (fetch is null)
                        {
                            outcomes.Enqueue(FromFeed(article, $"article URL '{article.Url}' is not absolute"));
                            return;
                        }
                        if (fetch.Refused)
                        {
                            LogRefused(logger, article.Id, article.Url, fetch.Error!);
                            outcomes.Enqueue(Refused(article, fetch.Error!));
                            return;
                        }
                        await pages.Writer.WriteAsync((article, fetch), token).ConfigureAwait(false);
                    }).ConfigureAwait(false);
            }
            finally
            {
                pages.Writer.TryComplete();
            }
            await Task.WhenAll(extractors).ConfigureAwait(false);
        }
        // What was done is saved even when the caller is stopping, so a restart repeats nothing.
        await articles.SaveExtractionsAsync(outcomes.ToList(), CancellationToken.None).ConfigureAwait(false);
        return claimed.Count;
    }

    /// <summary>Extracts one fetched page, falling back to the feed's content; never throws.</summary>
    internal async Task<ExtractionOutcome> ExtractAsync(ArticleToExtract article, FetchResult fetch)
    {
        if (!fetch.IsOk)
        {
            return FromFeed(article, fetch.Error ?? "page could not be fetched");
        }
        ExtractedArticle? page;
        try
        {
            // Decoding, the HTML check and the timeout are the extractor's (Extraction:Timeout).
            page = await extractor.ExtractAsync(fetch.Body, fetch.ContentType, fetch.FinalUrl).ConfigureAwait(false);
        }
        catch (ExtractionException e)
        {
            return FromFeed(article, e.Message);
        }
        catch (Exception e)
        {
            LogExtractFailed(logger, article.Id, article.Url, e.Message);
            return FromFeed(article, $"extraction failed: {e.Message}");
        }
        if (page is null || string.IsNullOrWhiteSpace(page.Text))
        {
            return FromFeed(article, IsMarkedPaywalled(fetch.Body) ? "page is marked paywalled and has no readable article text" : "page has no readable article text");
        }
        var feedText = PlainText.Paragraphs(article.FeedContent ?? article.FeedSummary);
        var pageText = page.Text.Trim();
        if (!page.IsSubstantialAt(extractor.Options.MinSubstantialWords) && feedText.Length > pageText.Length)
        {
            var why = page.Paywalled ? "page is paywalled" : $"page text too short ({page.WordCount} words)";
            return FromFeed(article, $"{why}; the feed says more") with
            {
                Byline = page.Byline,
                SiteName = page.SiteName,
                Published = page.Published,
            };
        }
        return new ExtractionOutcome(article.Id, "page", page.Paywalled ? "page is marked paywalled" : null, page.Byline, page.SiteName,
            page.Language ?? article.SourceLanguage, ShortExcerpt(page.Excerpt), pageText, page.Published);
    }

    /// <summary>The most of a page's excerpt that is kept: a description, not the page again.</summary>
    public const int MaxExcerptChars = 5000;

    /// <summary>
    /// A page's excerpt cut to <see cref="MaxExcerptChars"/> at a word. PostgreSQL's search index reads the excerpt, and
    /// a megabyte of words in a page's description (over its 1 MB tsvector limit) would fail the extraction of every
    /// page stored with it.
    /// </summary>
    internal static string? ShortExcerpt(string? excerpt)
    {
        if (excerpt is null || excerpt.Length <= MaxExcerptChars)
        {
            return excerpt;
        }
        var cut = excerpt.LastIndexOf(' ', MaxExcerptChars - 1);
        return excerpt[..(cut > MaxExcerptChars / 2 ? cut : MaxExcerptChars - 1)].TrimEnd() + "…";
    }

    /// <summary>The article's own feed content as its text, with the reason the page was not used.</summary>
    internal static ExtractionOutcome FromFeed(ArticleToExtract article, string reason)
    {
        var html = article.FeedContent ?? article.FeedSummary;
        var text = PlainText.Paragraphs(html);
        return new ExtractionOutcome(article.Id, text.Length == 0 ? "none" : "feed", reason, null, null, article.SourceLanguage,
            text.Length == 0 ? null : text.Length <= 300 ? text : text[..300], text.Length == 0 ? null : text, null);
    }

    /// <summary>An article whose page the network policy refused: nothing of it is kept but the reason, and it goes no further.</summary>
    internal static ExtractionOutcome Refused(ArticleToExtract article, string reason) =>
        new(article.Id, "refused", reason, null, null, null, null, null, null) { Refused = true };

    /// <summary>Publishers mark subscriber-only pages for search engines (schema.org isAccessibleForFree = false).</summary>
    private static bool IsMarkedPaywalled(byte[] body) => NotFree().IsMatch(System.Text.Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 512 * 1024)));

    private static IEnumerable<ArticleToExtract> InterleaveByHost(IReadOnlyList<ArticleToExtract> list)
    {
        var queues = list.GroupBy(a => Uri.TryCreate(a.Url, UriKind.Absolute, out var u) ? u.IdnHost : string.Empty, StringComparer.OrdinalIgnoreCase)
            .Select(g => new Queue<ArticleToExtract>(g)).ToList();
        while (queues.Count > 0)
        {
            for (var i = 0; i < queues.Count; i++)
            {
                yield return queues[i].Dequeue();
                if (queues[i].Count == 0)
                {
                    queues.RemoveAt(i--);
                }
            }
        }
    }

    [GeneratedRegex(@"""isAccessibleForFree""\s*:\s*""?false", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotFree();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {ArticleId} {Url} refused: {Error}")]
    private static partial void LogRefused(ILogger logger, long articleId, string url, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Extraction of article {ArticleId} {Url} failed: {Error}")]
    private static partial void LogExtractFailed(ILogger logger, long articleId, string url, string error);
}
