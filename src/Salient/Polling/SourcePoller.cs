using Microsoft.Extensions.Logging;
using Salient.Feeds;
using Salient.Ingest;
using Salient.Storage;

namespace Salient.Polling;

/// <summary>What one poll of one source came to.</summary>
internal sealed record PollOutcome(Source Source, string Status, string? Error, int Items, int NewItems, int NewArticles, int UpdatedArticles, TimeSpan Duration)
{
    public bool Failed => Status is PollStatuses.Error or PollStatuses.Throttled;
}

/// <summary>The values of sources.last_status and poll_history.status.</summary>
internal static class PollStatuses
{
    public const string Ok = "ok";
    public const string NotModified = "not-modified";
    public const string Error = "error";

    /// <summary>The server answered 429 or 503 with Retry-After; the source is not polled again before that time, even by <c>ingest --once</c>.</summary>
    public const string Throttled = "throttled";
}

/// <summary>
/// Polls one source: a conditional GET of its feed, the feed parsed, its items stored, and the outcome
/// (next poll time, validators, error, history) written to the source. Never throws for a failure of the
/// world: a bad feed is recorded against its source and the caller moves on.
/// </summary>
internal sealed partial class SourcePoller(HttpFetcher fetcher, FeedParser parser, SourceStore sources, ArticleStore articles, TimeProvider clock,
    ILogger<SourcePoller> logger)
{
    public const string FeedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    private PollingOptions Options => fetcher.Options;

    public async Task<PollOutcome> PollAsync(Source source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var started = clock.GetUtcNow();
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url))
        {
            return await RecordFailureAsync(source, started, null, 0, $"feed URL '{source.Url}' is not an absolute URL; remove the source and add it again", null, ct).ConfigureAwait(false);
        }
        // The feed's own address is the user's choice: it may be internal (and so may the pages its items link to there).
        var fetch = await fetcher.GetAsync(url, url, FeedAccept, new Validators(source.ETag, source.LastModified), ct).ConfigureAwait(false);
        switch (fetch.Status)
        {
            case FetchStatus.NotModified:
            {
                var next = started + NextInterval(source, fetch.MaxAge, null);
                await sources.RecordPollAsync(new PollRecord(source.Id, started, PollStatuses.NotModified, fetch.HttpStatus, fetch.Duration, 0, 0, 0, null, [],
                    next, fetch.ETag, fetch.LastModified, true), ct).ConfigureAwait(false);
                return new PollOutcome(source, PollStatuses.NotModified, null, 0, 0, 0, 0, fetch.Duration);
            }
            case FetchStatus.Failed:
                return await RecordFailureAsync(source, started, fetch.HttpStatus, fetch.Body.LongLength, fetch.Error!, fetch.RetryAfter, ct).ConfigureAwait(false);
        }
        ParsedFeed feed;
        try
        {
            feed = parser.Parse(fetch.Body, fetch.ContentType, fetch.FinalUrl);
        }
        catch (FeedParseException e)
        {
            return await RecordFailureAsync(source, started, fetch.HttpStatus, fetch.Body.LongLength,
                $"'{fetch.FinalUrl}' is not a feed Salient can read ({Describe(fetch.ContentType)}): {e.Message}", null, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The parser is meant to throw only FeedParseException; anything else is a bug in it, still recorded against the source.
            LogParserBug(logger, source.Id, source.Url, e);
            return await RecordFailureAsync(source, started, fetch.HttpStatus, fetch.Body.LongLength, $"feed parser failed on '{fetch.FinalUrl}': {e.Message}", null, ct)
                .ConfigureAwait(false);
        }
        var items = FeedItemMapper.Map(feed, fetch.FinalUrl, out var unusable);
        var counts = await articles.IngestAsync(source.Id, items, ct).ConfigureAwait(false);
        var nextPoll = started + NextInterval(source, fetch.MaxAge, feed.TtlMinutes ?? TtlOf(fetch.Body));
        // Items left out for want of a link are no repair of the parser's, but the operator sees them beside those.
        IReadOnlyList<string> recovered = unusable > 0 ? [.. feed.Recovered, FeedItemMapper.UnusableLinkSkipped] : feed.Recovered;
        await sources.RecordPollAsync(new PollRecord(source.Id, started, PollStatuses.Ok, fetch.HttpStatus, fetch.Duration, fetch.Body.LongLength, feed.Items.Count,
            counts.NewItems, null, recovered, nextPoll, fetch.ETag, fetch.LastModified, true), ct).ConfigureAwait(false);
        LogPolled(logger, source.Id, source.Url, feed.Items.Count, counts.NewArticles);
        if (fetch.MovedPermanentlyTo is { } moved && !string.Equals(moved.AbsoluteUri, source.Url, StringComparison.Ordinal))
        {
            // The publisher says the feed lives elsewhere now, and a feed was found there: poll it there from now on.
            if (await sources.MoveAsync(source.Id, moved.AbsoluteUri, ct).ConfigureAwait(false))
            {
                LogMoved(logger, source.Id, source.Url, moved.AbsoluteUri);
            }
            else
            {
                LogNotMoved(logger, source.Id, source.Url, moved.AbsoluteUri);
            }
        }
        return new PollOutcome(source, PollStatuses.Ok, null, feed.Items.Count, counts.NewItems, counts.NewArticles, counts.UpdatedArticles, fetch.Duration);
    }

    /// <summary>The source's own interval, lengthened to the feed's ttl or the server's max-age when they ask for longer, capped.</summary>
    public TimeSpan NextInterval(Source source, TimeSpan? maxAge, int? ttlMinutes)
    {
        ArgumentNullException.ThrowIfNull(source);
        var interval = TimeSpan.FromSeconds(source.PollIntervalSeconds > 0 ? source.PollIntervalSeconds : Options.IntervalMinutes * 60);
        if (ttlMinutes is > 0 && TimeSpan.FromMinutes(ttlMinutes.Value) > interval)
        {
            interval = TimeSpan.FromMinutes(ttlMinutes.Value);
        }
        if (maxAge is { } age && age > interval)
        {
            interval = age;
        }
        return interval > Options.MaxInterval ? Options.MaxInterval : interval;
    }

    /// <summary>Exponential backoff: the interval doubled for each failure in a row, capped; never sooner than Retry-After.</summary>
    public TimeSpan Backoff(Source source, int failures, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(source);
        var baseInterval = NextInterval(source, null, null);
        var factor = Math.Pow(2, Math.Min(Math.Max(failures - 1, 0), 16));
        var wait = TimeSpan.FromTicks((long)Math.Min(baseInterval.Ticks * factor, Options.MaxInterval.Ticks));
        if (retryAfter is { } ra && ra > wait)
        {
            wait = ra > Options.MaxInterval ? Options.MaxInterval : ra;
        }
        return wait;
    }

    private async Task<PollOutcome> RecordFailureAsync(Source source, DateTimeOffset started, int? httpStatus, long bytes, string error, TimeSpan? retryAfter, CancellationToken ct)
    {
        var failures = source.ConsecutiveFailures + 1;
        var next = started + Backoff(source, failures, retryAfter);
        var duration = clock.GetUtcNow() - started;
        var status = retryAfter is null ? PollStatuses.Error : PollStatuses.Throttled;
        await sources.RecordPollAsync(new PollRecord(source.Id, started, status, httpStatus, duration, bytes, 0, 0, error, [], next, null, null, false), ct)
            .ConfigureAwait(false);
        LogPollFailed(logger, source.Id, source.Url, error);
        return new PollOutcome(source, status, error, 0, 0, 0, 0, duration);
    }

    /// <summary>An RSS &lt;ttl&gt; in minutes, read from the raw feed when the parser did not report one.</summary>
    internal static int? TtlOf(byte[] body)
    {
        var head = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 8192));
        var m = Ttl().Match(head);
        return m.Success && int.TryParse(m.Groups[1].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
            ? minutes
            : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<ttl>\s*(\d{1,6})\s*</ttl>", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Ttl();

    private static string Describe(string? contentType) => contentType is null ? "no content type" : $"served as {contentType}";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Polled source {SourceId} {FeedUrl}: {Items} items, {NewArticles} new articles")]
    private static partial void LogPolled(ILogger logger, long sourceId, string feedUrl, int items, int newArticles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} moved permanently from {FeedUrl} to {NewUrl}; polled there from now on")]
    private static partial void LogMoved(ILogger logger, long sourceId, string feedUrl, string newUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} {FeedUrl} moved permanently to {NewUrl}, which is already another source; remove one of the two")]
    private static partial void LogNotMoved(ILogger logger, long sourceId, string feedUrl, string newUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll of source {SourceId} {FeedUrl} failed: {Error}")]
    private static partial void LogPollFailed(ILogger logger, long sourceId, string feedUrl, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed parser threw an unexpected exception on source {SourceId} {FeedUrl}")]
    private static partial void LogParserBug(ILogger logger, long sourceId, string feedUrl, Exception exception);
}
