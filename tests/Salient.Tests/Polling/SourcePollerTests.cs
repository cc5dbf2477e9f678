using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Salient.Bench;
using Salient.Feeds;
using Salient.Polling;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Polling;

public sealed class SourcePollerTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private Database _db = null!;
    private SourceStore _sources = null!;
    private ArticleStore _articles = null!;
    private HttpFetcher _fetcher = null!;
    private SourcePoller _poller = null!;
    private LoopbackSite _site = null!;
    // Every next-poll time is computed from this clock, so intervals are exact, however long a poll takes.
    private readonly ManualClock _clock = new();

    public async Task InitializeAsync()
    {
        _db = Database.Create(_dir.File("salient.db"));
        await _db.MigrateAsync(CancellationToken.None);
        _sources = new SourceStore(_db, _clock);
        _articles = new ArticleStore(_db, _clock);
        _fetcher = new HttpFetcher(new PollingOptions { ReadTimeoutSeconds = 5, TotalTimeoutSeconds = 10 }, _clock);
        _poller = new SourcePoller(_fetcher, new FeedParser(), _sources, _articles, _clock, NullLogger<SourcePoller>.Instance);
        _site = await LoopbackSite.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        _fetcher.Dispose();
        _dir.Dispose();
    }

    private async Task<Source> AddAsync(string path)
    {
        await _sources.AddAsync([new NewSource(_site.Url(path), "Test")], byUser: true, 900, CancellationToken.None);
        return (await _sources.FindByUrlAsync(_site.Url(path), CancellationToken.None))!;
    }

    private static string Rss(string extra = "", int items = 2) =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>http://t.example/</link><description>d</description>" + extra +
        string.Concat(Enumerable.Range(0, items).Select(i => $"<item><title>Item {i}</title><link>http://t.example/{i}</link><guid>g{i}</guid></item>")) +
        "</channel></rss>";

    [Fact]
    public async Task Items_left_out_for_want_of_a_usable_link_are_named_in_the_poll_history()
    {
        var tooLong = "http://t.example/" + new string('x', 2100);
        _site.MapContent("/feed", Rss($"<item><title>No link</title></item><item><title>Long</title><link>{tooLong}</link></item><item><title>Mail</title><link>mailto:a@t.example</link></item>"),
            "application/rss+xml");
        _site.MapContent("/clean", Rss(), "application/rss+xml");
        var source = await AddAsync("/feed");
        var clean = await AddAsync("/clean");

        await _poller.PollAsync(source, CancellationToken.None);
        await _poller.PollAsync(clean, CancellationToken.None);

        var entry = Assert.Single(await _sources.HistoryAsync(source.Id, 10, CancellationToken.None));
        Assert.Equal(("ok", 5L, 2L), (entry.Status, entry.Items, entry.NewItems));
        Assert.Contains("item-without-usable-link-skipped", entry.Recovered, StringComparison.Ordinal);
        Assert.DoesNotContain("item-without-usable-link-skipped", Assert.Single(await _sources.HistoryAsync(clean.Id, 10, CancellationToken.None)).Recovered ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_source_is_recorded_with_its_error_and_backs_off_exponentially()
    {
        _site.Map("/feed", ctx => { ctx.Response.StatusCode = 500; return Task.CompletedTask; });
        var source = await AddAsync("/feed");
        var before = _clock.GetUtcNow();
        await _poller.PollAsync(source, CancellationToken.None);
        var once = (await _sources.GetAsync(source.Id, CancellationToken.None))!;
        _clock.Advance(TimeSpan.FromMinutes(15));
        await _poller.PollAsync(once, CancellationToken.None);
        var twice = (await _sources.GetAsync(source.Id, CancellationToken.None))!;
        Assert.Equal("error", twice.LastStatus);
        Assert.Contains("HTTP 500", twice.LastError, StringComparison.Ordinal);
        Assert.Equal(2, twice.ConsecutiveFailures);
        // 15 minutes after the first failure; the second, polled when due, waits twice as long.
        Assert.Equal(TimeSpan.FromMinutes(15), once.NextPollAt - before);
        Assert.Equal(TimeSpan.FromMinutes(15 + 30), twice.NextPollAt - before);
        var history = await _sources.HistoryAsync(source.Id, 10, CancellationToken.None);
        Assert.Equal(2, history.Count);
        Assert.All(history, h => Assert.Equal(500, h.HttpStatus));
    }

    [Fact]
    public async Task A_feed_that_moved_permanently_is_polled_at_its_new_address_from_then_on()
    {
        _site.Map("/old", ctx => { ctx.Response.Redirect(_site.Url("/older-still"), permanent: true); return Task.CompletedTask; });
        _site.Map("/older-still", ctx => { ctx.Response.Redirect(_site.Url("/new"), permanent: true, preserveMethod: true); return Task.CompletedTask; });
        _site.MapContent("/new", Rss());
        var source = await AddAsync("/old");
        var outcome = await _poller.PollAsync(source, CancellationToken.None);
        Assert.False(outcome.Failed);
        var moved = (await _sources.GetAsync(source.Id, CancellationToken.None))!;
        Assert.Equal(_site.Url("/new"), moved.Url);
        await _poller.PollAsync(moved, CancellationToken.None);
        Assert.Equal(1, _site.Count("/old"));
        Assert.Equal(2, _site.Count("/new"));
        Assert.Equal(2, (await _articles.AllAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_temporary_redirect_or_a_permanent_one_to_something_that_is_not_a_feed_keeps_the_address()
    {
        _site.Map("/temporary", ctx => { ctx.Response.Redirect(_site.Url("/hop"), permanent: true); return Task.CompletedTask; });
        _site.Map("/hop", ctx => { ctx.Response.Redirect(_site.Url("/feed")); return Task.CompletedTask; });
        _site.MapContent("/feed", Rss());
        _site.Map("/gone", ctx => { ctx.Response.Redirect(_site.Url("/home"), permanent: true); return Task.CompletedTask; });
        _site.MapContent("/home", "<!doctype html><html><body><p>Our new site</p></body></html>", "text/html; charset=utf-8");
        var temporary = await AddAsync("/temporary");
        var gone = await AddAsync("/gone");
        Assert.False((await _poller.PollAsync(temporary, CancellationToken.None)).Failed);
        Assert.True((await _poller.PollAsync(gone, CancellationToken.None)).Failed);
        Assert.Equal(_site.Url("/temporary"), (await _sources.GetAsync(temporary.Id, CancellationToken.None))!.Url);
        Assert.Equal(_site.Url("/gone"), (await _sources.GetAsync(gone.Id, CancellationToken.None))!.Url);
    }

    [Fact]
    public async Task A_feed_that_moved_to_the_address_of_another_source_keeps_its_own_and_loses_nothing()
    {
        _site.Map("/a", ctx => { ctx.Response.Redirect(_site.Url("/b"), permanent: true); return Task.CompletedTask; });
        _site.MapContent("/b", Rss());
        var a = await AddAsync("/a");
        var b = await AddAsync("/b");
        Assert.False((await _poller.PollAsync(a, CancellationToken.None)).Failed);
        Assert.Equal(_site.Url("/a"), (await _sources.GetAsync(a.Id, CancellationToken.None))!.Url);
        Assert.Equal(_site.Url("/b"), (await _sources.GetAsync(b.Id, CancellationToken.None))!.Url);
        Assert.Equal(2, (await _sources.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_429_throttles_the_source_until_Retry_After()
    {
        _site.Map("/feed", ctx => { ctx.Response.StatusCode = 429; ctx.Response.Headers.RetryAfter = "7200"; return Task.CompletedTask; });
        var source = await AddAsync("/feed");
        var outcome = await _poller.PollAsync(source, CancellationToken.None);
        var after = (await _sources.GetAsync(source.Id, CancellationToken.None))!;
        Assert.True(outcome.Failed);
        Assert.Equal("throttled", after.LastStatus);
        Assert.Equal(_clock.GetUtcNow().AddHours(2), after.NextPollAt);
    }

    [Fact]
    public async Task Feed_ttl_and_Cache_Control_max_age_lengthen_the_interval()
    {
        _site.MapContent("/ttl", Rss("<ttl>60</ttl>"));
        _site.Map("/maxage", async ctx =>
        {
            ctx.Response.Headers.CacheControl = "public, max-age=7200";
            ctx.Response.ContentType = "application/rss+xml";
            await ctx.Response.WriteAsync(Rss());
        });
        var ttl = await AddAsync("/ttl");
        var maxAge = await AddAsync("/maxage");
        var start = _clock.GetUtcNow();
        await _poller.PollAsync(ttl, CancellationToken.None);
        await _poller.PollAsync(maxAge, CancellationToken.None);
        Assert.Equal(TimeSpan.FromMinutes(60), (await _sources.GetAsync(ttl.Id, CancellationToken.None))!.NextPollAt - start);
        Assert.Equal(TimeSpan.FromMinutes(120), (await _sources.GetAsync(maxAge.Id, CancellationToken.None))!.NextPollAt - start);
    }

    [Fact]
    public async Task A_feed_served_with_the_wrong_content_type_is_still_read()
    {
        _site.MapContent("/feed", Rss(), "text/html; charset=utf-8");
        var source = await AddAsync("/feed");
        var outcome = await _poller.PollAsync(source, CancellationToken.None);
        Assert.Equal("ok", outcome.Status);
        Assert.Equal(2, outcome.NewArticles);
    }

    [Fact]
    public async Task An_html_page_where_the_feed_should_be_fails_naming_what_was_served()
    {
        _site.MapContent("/feed", "<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>", "text/html");
        var source = await AddAsync("/feed");
        var outcome = await _poller.PollAsync(source, CancellationToken.None);
        Assert.Equal("error", outcome.Status);
        Assert.Contains("text/html", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_poll_sends_the_validators_and_stores_nothing_on_304()
    {
        _site.Map("/feed", async ctx =>
        {
            if (ctx.Request.Headers.IfNoneMatch == "\"e1\"")
            {
                ctx.Response.StatusCode = 304;
                return;
            }
            ctx.Response.Headers.ETag = "\"e1\"";
            await ctx.Response.WriteAsync(Rss(items: 3));
        });
        var source = await AddAsync("/feed");
        var first = await _poller.PollAsync(source, CancellationToken.None);
        var second = await _poller.PollAsync((await _sources.GetAsync(source.Id, CancellationToken.None))!, CancellationToken.None);
        Assert.Equal(3, first.NewArticles);
        Assert.Equal("not-modified", second.Status);
        Assert.Equal(3, await _articles.CountAsync(CancellationToken.None));
        Assert.Equal(3, (await _sources.GetAsync(source.Id, CancellationToken.None))!.ItemsSeen);
    }

    [Fact]
    public async Task A_slow_source_does_not_hold_up_the_others()
    {
        _site.Map("/slow", async ctx => await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted));
        _site.MapContent("/fast1", Rss());
        _site.MapContent("/fast2", Rss().Replace("t.example/", "u.example/", StringComparison.Ordinal));
        await AddAsync("/slow");
        await AddAsync("/fast1");
        await AddAsync("/fast2");
        var scheduler = new PollScheduler(_sources, _poller, _fetcher.Options, _clock, NullLogger<PollScheduler>.Instance);
        var order = new List<string>();
        var outcomes = await scheduler.PollOnceAsync(CancellationToken.None, o => { lock (order) { order.Add(o.Source.Url); } });
        Assert.Equal(3, outcomes.Count);
        Assert.EndsWith("/slow", order[^1], StringComparison.Ordinal);
        Assert.Equal(4, await _articles.CountAsync(CancellationToken.None));
    }
}
