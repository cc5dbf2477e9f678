using Salient.Web;

namespace Salient.Tests.Web;

public sealed class FrontPageCacheTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private static FrontPageCache Cache(ManualClock clock, double seconds = 5) => new(new SiteOptions { FrontPageCacheSeconds = seconds }, clock);

    private static Func<CancellationToken, Task<HtmlPage>> Counting(Action onRender) => _ =>
    {
        onRender();
        return Task.FromResult(new HtmlPage(new byte[] { 1, 2, 3 }));
    };

    [Fact]
    public async Task A_page_is_served_again_within_its_seconds_and_after_them_made_afresh_in_the_background_while_the_old_one_is_served()
    {
        var clock = new ManualClock();
        var cache = Cache(clock);
        var renders = 0;
        var first = await cache.GetAsync(null, 5.5, Counting(() => renders++), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        var second = await cache.GetAsync(null, 5.5, Counting(() => renders++), CancellationToken.None);
        Assert.Same(first, second);
        Assert.Equal(1, renders);
        clock.Advance(TimeSpan.FromSeconds(0.2));
        var release = new TaskCompletionSource<HtmlPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Stale: the reader gets the old page at once, though the new one is not made yet.
        var third = await cache.GetAsync(null, 5.5, _ =>
        {
            Interlocked.Increment(ref renders);
            return release.Task;
        }, CancellationToken.None);
        Assert.Same(first, third);
        var fourth = await cache.GetAsync(null, 5.5, _ => throw new InvalidOperationException("made twice"), CancellationToken.None);
        Assert.Same(first, fourth);
        release.SetResult(new HtmlPage(new byte[] { 9 }));
        await cache.SettledAsync(null, 5.5);
        var fifth = await cache.GetAsync(null, 5.5, Counting(() => renders++), CancellationToken.None);
        Assert.Equal(new byte[] { 9 }, fifth.Utf8.ToArray());
        Assert.Equal(2, renders);
    }

    [Fact]
    public async Task A_page_unread_for_too_long_is_not_shown_and_the_reader_waits_for_a_new_one()
    {
        var clock = new ManualClock();
        var cache = Cache(clock);
        var first = await cache.GetAsync(null, 5.5, Counting(() => { }), CancellationToken.None);
        clock.Advance(cache.KeepFor + TimeSpan.FromSeconds(1));
        var next = await cache.GetAsync(null, 5.5, _ => Task.FromResult(new HtmlPage(new byte[] { 4 })), CancellationToken.None);
        Assert.NotSame(first, next);
        Assert.Equal(new byte[] { 4 }, next.Utf8.ToArray());
    }

    [Fact]
    public async Task A_failed_background_render_keeps_the_old_page_and_the_next_stale_read_tries_again()
    {
        var clock = new ManualClock();
        var cache = Cache(clock);
        var first = await cache.GetAsync(null, 5.5, Counting(() => { }), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(6));
        var stale = await cache.GetAsync(null, 5.5, _ => Task.FromException<HtmlPage>(new InvalidOperationException("database is locked")), CancellationToken.None);
        Assert.Same(first, stale);
        await cache.SettledAsync(null, 5.5);
        var renders = 0;
        Assert.Same(first, await cache.GetAsync(null, 5.5, Counting(() => renders++), CancellationToken.None));
        await cache.SettledAsync(null, 5.5);
        Assert.Equal(1, renders);
        Assert.NotSame(first, await cache.GetAsync(null, 5.5, Counting(() => renders++), CancellationToken.None));
    }

    [Fact]
    public async Task Each_day_and_threshold_has_its_own_page()
    {
        var cache = Cache(new ManualClock());
        var renders = 0;
        await cache.GetAsync(null, 5.5, Counting(() => renders++), CancellationToken.None);
        await cache.GetAsync(null, 6.0, Counting(() => renders++), CancellationToken.None);
        await cache.GetAsync(new DateOnly(2026, 3, 4), 5.5, Counting(() => renders++), CancellationToken.None);
        await cache.GetAsync(new DateOnly(2026, 3, 5), 5.5, Counting(() => renders++), CancellationToken.None);
        await cache.GetAsync(new DateOnly(2026, 3, 4), 5.5, Counting(() => renders++), CancellationToken.None);
        Assert.Equal(4, renders);
    }

    [Fact]
    public async Task With_no_seconds_every_request_makes_its_page()
    {
        var cache = Cache(new ManualClock(), seconds: 0);
        var renders = 0;
        for (var i = 0; i < 3; i++)
        {
            await cache.GetAsync(null, 5.5, Counting(() => renders++), CancellationToken.None);
        }
        Assert.Equal(3, renders);
        Assert.False(cache.Enabled);
    }

    [Fact]
    public async Task Readers_arriving_while_a_page_is_made_wait_for_that_one()
    {
        var cache = Cache(new ManualClock());
        var renders = 0;
        var release = new TaskCompletionSource<HtmlPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<HtmlPage> Slow(CancellationToken _)
        {
            Interlocked.Increment(ref renders);
            return release.Task;
        }
        var readers = Enumerable.Range(0, 8).Select(_ => cache.GetAsync(null, 5.5, Slow, CancellationToken.None)).ToList();
        release.SetResult(new HtmlPage(new byte[] { 42 }));
        var pages = await Task.WhenAll(readers);
        Assert.Equal(1, renders);
        Assert.All(pages, p => Assert.Same(pages[0], p));
    }

    [Fact]
    public async Task A_failed_page_is_not_kept_and_the_next_reader_tries_again()
    {
        var cache = Cache(new ManualClock());
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            cache.GetAsync(null, 5.5, _ => Task.FromException<HtmlPage>(new InvalidOperationException("database is locked")), CancellationToken.None));
        var renders = 0;
        await cache.GetAsync(null, 5.5, Counting(() => renders++), CancellationToken.None);
        Assert.Equal(1, renders);
    }

    [Fact]
    public async Task A_reader_who_leaves_does_not_fail_the_others_waiting_for_the_same_page()
    {
        var cache = Cache(new ManualClock());
        var release = new TaskCompletionSource<HtmlPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken seen = default;
        using var leaving = new CancellationTokenSource();
        var first = cache.GetAsync(null, 5.5, ct =>
        {
            seen = ct;
            return release.Task;
        }, leaving.Token);
        var second = cache.GetAsync(null, 5.5, _ => throw new InvalidOperationException("made twice"), CancellationToken.None);
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(seen.CanBeCanceled, "the page is made without the first reader's token");
        release.SetResult(new HtmlPage(new byte[] { 7 }));
        Assert.Equal(new byte[] { 7 }, (await second).Utf8.ToArray());
    }

    [Fact]
    public async Task Thresholds_from_the_address_cannot_grow_the_cache_without_bound()
    {
        var cache = Cache(new ManualClock());
        var renders = 0;
        for (var i = 0; i < 1000; i++)
        {
            await cache.GetAsync(null, 5 + i / 1000.0, Counting(() => renders++), CancellationToken.None);
        }
        Assert.Equal(1000, renders);
        Assert.InRange(cache.Count, 1, 256);
    }
}
