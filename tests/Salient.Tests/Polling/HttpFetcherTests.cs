using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Salient.Bench;
using Salient.Polling;
using Salient.Tests.Support;

namespace Salient.Tests.Polling;

public sealed class HttpFetcherTests
{
    private static HttpFetcher Fetcher(Action<PollingOptions>? configure = null, TimeProvider? clock = null)
    {
        // Timeouts are timers, which run on real time whatever the clock (see ManualClock). They are long, so that a
        // loaded machine serving the loopback site slowly never fails a test; the tests of timeouts set their own.
        var options = new PollingOptions { ReadTimeoutSeconds = 30, TotalTimeoutSeconds = 60, ConnectTimeoutSeconds = 10, MaxBodyBytes = 64 * 1024 };
        configure?.Invoke(options);
        return new HttpFetcher(options, clock ?? new ManualClock());
    }

    private static Task<FetchResult> Get(HttpFetcher f, LoopbackSite site, string path, Validators? v = null) =>
        f.GetAsync(new Uri(site.Url(path)), site.BaseUri, "*/*", v, CancellationToken.None);

    [Fact]
    public async Task A_server_that_never_answers_times_out_with_a_message_saying_so()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Map("/slow", async ctx => await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted));
        using var f = Fetcher(o => { o.ReadTimeoutSeconds = 3; o.TotalTimeoutSeconds = 6; });
        var r = await Get(f, site, "/slow");
        Assert.Equal(FetchStatus.Failed, r.Status);
        Assert.Contains("timed out", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_trickles_in_forever_is_cut_off_by_the_total_timeout()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Map("/trickle", async ctx =>
        {
            ctx.Response.ContentType = "text/xml";
            for (var i = 0; i < 100 && !ctx.RequestAborted.IsCancellationRequested; i++)
            {
                await ctx.Response.WriteAsync("<x/>", ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                await Task.Delay(300, ctx.RequestAborted);
            }
        });
        // The read timeout is longer than the whole budget, so only the total timeout can end it, however slowly a
        // loaded machine serves the pieces.
        using var f = Fetcher(o => { o.ReadTimeoutSeconds = 30; o.TotalTimeoutSeconds = 6; });
        var r = await Get(f, site, "/trickle");
        Assert.Equal(FetchStatus.Failed, r.Status);
        Assert.Contains("longer than 6 s", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_body_is_refused_whether_or_not_its_length_is_announced()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.MapBytes("/announced", new byte[200 * 1024], "application/xml");
        site.Map("/chunked", async ctx =>
        {
            ctx.Response.ContentType = "application/xml";
            var chunk = new byte[16 * 1024];
            for (var i = 0; i < 20; i++)
            {
                await ctx.Response.Body.WriteAsync(chunk, ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            }
        });
        using var f = Fetcher();
        foreach (var path in new[] { "/announced", "/chunked" })
        {
            var r = await Get(f, site, path);
            Assert.Equal(FetchStatus.Failed, r.Status);
            Assert.Contains("limit", r.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_by_the_cap_on_the_decompressed_body()
    {
        await using var site = await LoopbackSite.StartAsync();
        using var packed = new MemoryStream();
        using (var gz = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(new byte[1024 * 1024]);
        }
        var bomb = packed.ToArray();
        site.Map("/bomb", async ctx =>
        {
            ctx.Response.ContentType = "application/xml";
            ctx.Response.Headers.ContentEncoding = "gzip";
            await ctx.Response.Body.WriteAsync(bomb);
        });
        using var f = Fetcher();
        var r = await Get(f, site, "/bomb");
        Assert.True(bomb.Length < 64 * 1024);
        Assert.Equal(FetchStatus.Failed, r.Status);
    }

    [Fact]
    public async Task A_redirect_loop_is_reported_as_a_loop()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Map("/a", ctx => { ctx.Response.Redirect(site.Url("/b")); return Task.CompletedTask; });
        site.Map("/b", ctx => { ctx.Response.Redirect("/a"); return Task.CompletedTask; });
        using var f = Fetcher();
        var r = await Get(f, site, "/a");
        Assert.Equal(FetchStatus.Failed, r.Status);
        Assert.Contains("redirect loop", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_redirects_are_followed_and_a_sixth_is_refused()
    {
        await using var site = await LoopbackSite.StartAsync();
        for (var i = 0; i < 6; i++)
        {
            var next = $"/r{i + 1}";
            site.Map($"/r{i}", ctx => { ctx.Response.Redirect(next, permanent: true); return Task.CompletedTask; });
        }
        site.MapContent("/r5", "<rss/>");
        site.MapContent("/r6", "<rss/>");
        using var f = Fetcher();
        var ok = await Get(f, site, "/r0");
        Assert.Equal(FetchStatus.Ok, ok.Status);
        Assert.EndsWith("/r5", ok.FinalUrl.AbsolutePath, StringComparison.Ordinal);
        site.Map("/r5", ctx => { ctx.Response.Redirect("/r6"); return Task.CompletedTask; });
        var tooMany = await Get(f, site, "/r0");
        Assert.Equal(FetchStatus.Failed, tooMany.Status);
        Assert.Contains("too many redirects", tooMany.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validators_are_sent_and_a_304_is_not_modified()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Map("/feed", async ctx =>
        {
            if (ctx.Request.Headers.IfNoneMatch == "\"v1\"" && ctx.Request.Headers.IfModifiedSince == "Wed, 21 Oct 2026 07:28:00 GMT")
            {
                ctx.Response.StatusCode = 304;
                return;
            }
            ctx.Response.Headers.ETag = "\"v1\"";
            ctx.Response.Headers.LastModified = "Wed, 21 Oct 2026 07:28:00 GMT";
            await ctx.Response.WriteAsync("<rss/>");
        });
        using var f = Fetcher();
        var first = await Get(f, site, "/feed");
        Assert.True(first.Status == FetchStatus.Ok, first.Error);
        Assert.Equal("\"v1\"", first.ETag);
        var second = await Get(f, site, "/feed", new Validators(first.ETag, first.LastModified));
        Assert.Equal(FetchStatus.NotModified, second.Status);
        Assert.Equal(304, second.HttpStatus);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(410)]
    public async Task An_error_status_fails_with_the_status_in_the_message(int status)
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Map("/x", ctx => { ctx.Response.StatusCode = status; return Task.CompletedTask; });
        using var f = Fetcher();
        var r = await Get(f, site, "/x");
        Assert.Equal(FetchStatus.Failed, r.Status);
        Assert.Equal(status, r.HttpStatus);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_honoured_for_the_whole_host()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.Map("/limited", ctx =>
        {
            ctx.Response.StatusCode = 429;
            ctx.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        site.MapContent("/other", "<rss/>");
        using var f = Fetcher();
        var r = await Get(f, site, "/limited");
        Assert.Equal(FetchStatus.Failed, r.Status);
        Assert.Equal(TimeSpan.FromSeconds(120), r.RetryAfter);
        var other = await Get(f, site, "/other");
        Assert.Equal(FetchStatus.Failed, other.Status);
        Assert.Equal(0, site.Count("/other"));
    }

    [Fact]
    public async Task A_503_with_an_HTTP_date_Retry_After_is_understood()
    {
        await using var site = await LoopbackSite.StartAsync();
        var clock = new ManualClock();
        site.Map("/down", ctx =>
        {
            ctx.Response.StatusCode = 503;
            ctx.Response.Headers.RetryAfter = clock.GetUtcNow().AddMinutes(10).ToString("R");
            return Task.CompletedTask;
        });
        using var f = Fetcher(clock: clock);
        var r = await Get(f, site, "/down");
        Assert.Equal(TimeSpan.FromMinutes(10), r.RetryAfter);
    }

    [Fact]
    public async Task Compressed_bodies_are_decompressed_and_the_user_agent_is_honest()
    {
        await using var site = await LoopbackSite.StartAsync();
        var text = Encoding.UTF8.GetBytes("<rss>" + new string('x', 5000) + "</rss>");
        var headers = new System.Collections.Concurrent.ConcurrentQueue<(string UserAgent, string AcceptEncoding)>();
        foreach (var (name, make) in new (string, Func<Stream, Stream>)[]
                 {
                     ("gzip", s => new GZipStream(s, CompressionLevel.Fastest, true)),
                     ("br", s => new BrotliStream(s, CompressionLevel.Fastest, true)),
                     ("deflate", s => new ZLibStream(s, CompressionLevel.Fastest, true)),
                 })
        {
            using var ms = new MemoryStream();
            using (var z = make(ms))
            {
                z.Write(text);
            }
            var packed = ms.ToArray();
            site.Map("/" + name, async ctx =>
            {
                // Kestrel reuses request headers after the response: read them here.
                headers.Enqueue((ctx.Request.Headers.UserAgent.ToString(), ctx.Request.Headers.AcceptEncoding.ToString()));
                ctx.Response.Headers.ContentEncoding = name;
                await ctx.Response.Body.WriteAsync(packed);
            });
        }
        using var f = Fetcher();
        foreach (var name in new[] { "gzip", "br", "deflate" })
        {
            var r = await Get(f, site, "/" + name);
            Assert.Equal(FetchStatus.Ok, r.Status);
            Assert.Equal(text, r.Body);
        }
        var (userAgent, acceptEncoding) = headers.First();
        Assert.StartsWith("Salient/", userAgent, StringComparison.Ordinal);
        Assert.Contains("gzip", acceptEncoding, StringComparison.Ordinal);
        Assert.Contains("br", acceptEncoding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_more_than_two_requests_reach_one_host_at_a_time()
    {
        await using var site = await LoopbackSite.StartAsync();
        var inFlight = 0;
        var arrived = 0;
        var peak = 0;
        var gate = new object();
        site.Map("/page", async ctx =>
        {
            lock (gate)
            {
                inFlight++;
                arrived++;
                peak = Math.Max(peak, inFlight);
                Monitor.PulseAll(gate);
                // Each request is held until a second one is in flight beside it (or none is left to come), so the
                // limit is reached however slowly the machine starts requests; the 30 s wait only stops a stuck test.
                for (var waits = 0; inFlight < 2 && arrived < 8 && waits < 30; waits++)
                {
                    Monitor.Wait(gate, TimeSpan.FromSeconds(1));
                }
            }
            await Task.Yield();
            lock (gate)
            {
                inFlight--;
                Monitor.PulseAll(gate);
            }
            await ctx.Response.WriteAsync("ok");
        });
        using var f = Fetcher(o => o.ReadTimeoutSeconds = 10);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Get(f, site, "/page")));
        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.Equal(2, peak);
    }

    [Fact]
    public async Task A_refused_connection_fails_without_throwing()
    {
        using var f = Fetcher();
        var r = await f.GetAsync(new Uri("http://127.0.0.1:1/feed"), new Uri("http://127.0.0.1:1/feed"), "*/*", null, CancellationToken.None);
        Assert.Equal(FetchStatus.Failed, r.Status);
        Assert.Contains("cannot fetch", r.Error, StringComparison.Ordinal);
    }

    private static PublicNamePolicy Policy() => new(new Dictionary<string, bool> { ["public.test"] = true, ["internal.test"] = false });

    [Theory]
    [InlineData("http://127.0.0.1:{port}/secret")]
    [InlineData("http://localhost:{port}/secret")]
    [InlineData("http://internal.test:{port}/secret")]
    [InlineData("http://0x7f000001:{port}/secret")]
    [InlineData("http://2130706433:{port}/secret")]
    [InlineData("http://[::1]:{port}/secret")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/secret")]
    [InlineData("http://10.0.0.1/secret")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task An_internal_address_in_any_spelling_is_refused_unless_the_user_chose_it(string template)
    {
        await using var site = await LoopbackSite.StartAsync();
        site.MapContent("/secret", "internal only", "text/plain");
        using var f = new HttpFetcher(new PollingOptions { ConnectTimeoutSeconds = 10, ReadTimeoutSeconds = 30, TotalTimeoutSeconds = 60 }, new ManualClock(), Policy());
        var url = new Uri(template.Replace("{port}", site.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var fromPublicFeed = await f.GetAsync(url, new Uri($"http://public.test:{site.BaseUri.Port}/feed.xml"), "*/*", null, CancellationToken.None);

        Assert.Equal(FetchStatus.Failed, fromPublicFeed.Status);
        Assert.True(fromPublicFeed.Refused, fromPublicFeed.Error);
        Assert.Contains("refused to fetch", fromPublicFeed.Error, StringComparison.Ordinal);
        Assert.Equal(0, site.Count("/secret"));
    }

    [Theory]
    [InlineData("/to-loopback", "http://127.0.0.1:{port}/secret")]
    [InlineData("/to-name", "http://internal.test:{port}/secret")]
    [InlineData("/to-metadata", "http://169.254.169.254/latest/meta-data/")]
    [InlineData("/to-file", "file:///etc/passwd")]
    public async Task A_redirect_from_a_public_page_to_an_internal_address_is_refused_at_that_hop(string path, string target)
    {
        await using var site = await LoopbackSite.StartAsync();
        var port = site.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        site.Map(path, ctx => { ctx.Response.Redirect($"http://public.test:{port}/hop"); return Task.CompletedTask; });
        site.Map("/hop", ctx => { ctx.Response.Redirect(target.Replace("{port}", port, StringComparison.Ordinal)); return Task.CompletedTask; });
        site.MapContent("/secret", "internal only", "text/plain");
        using var f = new HttpFetcher(new PollingOptions { ConnectTimeoutSeconds = 10, ReadTimeoutSeconds = 30, TotalTimeoutSeconds = 60 }, new ManualClock(), Policy());

        var r = await f.GetAsync(new Uri($"http://public.test:{port}{path}"), new Uri($"http://public.test:{port}/feed.xml"), "*/*", null, CancellationToken.None);

        Assert.True(r.Refused, r.Error);
        Assert.Equal(1, site.Count("/hop"));
        Assert.Equal(0, site.Count("/secret"));
    }

    [Fact]
    public async Task A_source_whose_own_feed_is_on_loopback_may_fetch_its_pages_there_and_nowhere_else_internal()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.MapContent("/page", "a page of the user's own loopback site", "text/plain");
        using var f = new HttpFetcher(new PollingOptions { ConnectTimeoutSeconds = 10, ReadTimeoutSeconds = 30, TotalTimeoutSeconds = 60 }, new ManualClock(), Policy());
        var feed = new Uri(site.Url("/feed.xml"));

        var own = await f.GetAsync(new Uri(site.Url("/page")), feed, "*/*", null, CancellationToken.None);
        var metadata = await f.GetAsync(new Uri("http://169.254.169.254/latest/meta-data/"), feed, "*/*", null, CancellationToken.None);
        var withoutSource = await f.GetAsync(new Uri(site.Url("/page")), null, "*/*", null, CancellationToken.None);

        Assert.Equal(FetchStatus.Ok, own.Status);
        Assert.True(metadata.Refused, metadata.Error);
        Assert.True(withoutSource.Refused, withoutSource.Error);
    }

    [Fact]
    public async Task Polling_AllowPrivateNetworks_lets_every_fetch_reach_internal_addresses()
    {
        await using var site = await LoopbackSite.StartAsync();
        site.MapContent("/page", "intranet page", "text/plain");
        using var f = new HttpFetcher(new PollingOptions { AllowPrivateNetworks = true }, new ManualClock(), Policy());
        var r = await f.GetAsync(new Uri(site.Url("/page")), new Uri("http://public.test/feed.xml"), "*/*", null, CancellationToken.None);
        Assert.Equal(FetchStatus.Ok, r.Status);
    }

    [Fact]
    public async Task A_healthy_feed_queued_behind_two_slow_drips_on_its_host_gets_its_whole_time_budget()
    {
        await using var site = await LoopbackSite.StartAsync();
        var dripping = 0;
        var bothDripping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        site.Map("/drip", async ctx =>
        {
            if (Interlocked.Increment(ref dripping) == 2)
            {
                bothDripping.TrySetResult();
            }
            ctx.Response.ContentType = "application/xml";
            for (var i = 0; i < 200 && !ctx.RequestAborted.IsCancellationRequested; i++)
            {
                await ctx.Response.WriteAsync("<", ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                await Task.Delay(200, ctx.RequestAborted);
            }
        });
        site.MapContent("/healthy", "<rss version=\"2.0\"><channel><title>Healthy</title></channel></rss>");
        using var f = Fetcher(o =>
        {
            o.MaxConcurrentPerHost = 2;
            o.TotalTimeoutSeconds = 4;
        });
        var drips = new[] { Get(f, site, "/drip?1"), Get(f, site, "/drip?2") };
        // A hang guard only: both drips hold the host's two slots as soon as they are served.
        await bothDripping.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // Both slots of the host are taken: the healthy feed waits about the whole budget for one, then needs its own time.
        var healthy = await Get(f, site, "/healthy");

        Assert.Equal(FetchStatus.Ok, healthy.Status);
        Assert.All(await Task.WhenAll(drips), d => Assert.Contains("longer than 4 s", d.Error, StringComparison.Ordinal));
    }
}
