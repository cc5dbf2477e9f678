using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Salient.Digest;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Tests.Web;

namespace Salient.Tests.Digest;

/// <summary>Following one story by e-mail, over HTTP, with a real SMTP server on 127.0.0.1 and a clock the test moves.</summary>
public sealed partial class FollowTests
{
    [GeneratedRegex(@"/follow/confirm\?token=([A-Za-z0-9%_\-\.~]+)")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"/follow/stop\?token=([A-Za-z0-9%_\-\.~]+)")]
    private static partial Regex StopLink();

    private static async Task<SiteFixture> SiteAsync(SmtpSink? smtp, ManualClock clock) =>
        await SiteFixture.CreateAsync(services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton(new DigestOptions { SmtpUrl = smtp?.Url, SiteUrl = "http://127.0.0.1:5080", Secret = "follow-test-secret" });
        });

    private static Task SetScoreAsync(SiteFixture site, long story, double score) =>
        site.ExecuteAsync("UPDATE stories SET score = @s WHERE id = @id", ("s", score), ("id", story));

    private static Task<HttpResponseMessage> PostFollowAsync(SiteFixture site, string story, string email, string threshold, string? origin = null, string? follow = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("email", email), new("threshold", threshold) };
        if (follow is not null)
        {
            fields.Add(new("follow", follow));
        }
        var request = new HttpRequestMessage(HttpMethod.Post, $"/story/{story}/follow")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return site.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_reader_who_confirms_is_told_when_the_story_rises_a_point_or_crosses_their_threshold_and_one_click_stops_it()
    {
        await using var smtp = SmtpSink.Start();
        var clock = new ManualClock();
        await using var site = await SiteAsync(smtp, clock);
        var follows = site.Site.Services.GetRequiredService<FollowService>();
        var endpoint = SmtpEndpoint.Parse(smtp.Url);
        var story = await site.AddStoryAsync("Talks on the border resume", 4.0, at: clock.GetUtcNow().AddHours(-1));

        Assert.Contains("action=\"/story/" + story + "/follow\"", (await site.GetAsync($"/story/{story}")).Body, StringComparison.Ordinal);
        var asked = await PostFollowAsync(site, story.ToString(), "Reader@Example.test", "6");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirmation = await smtp.WaitForMessageAsync();
        Assert.Contains("Talks on the border resume", confirmation.TextBody, StringComparison.Ordinal);

        // Before confirmation nothing is sent, however the story moves.
        await SetScoreAsync(site, story, 8.0);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
        await SetScoreAsync(site, story, 4.0);

        var token = ConfirmLink().Match(confirmation.TextBody!).Groups[1].Value;
        var (confirmed, confirmedPage, _) = await site.GetAsync("/follow/confirm?token=" + token);
        Assert.Equal(HttpStatusCode.OK, confirmed);
        Assert.Contains("You follow", confirmedPage, StringComparison.Ordinal);
        Assert.Contains("It scores 4.0 now", confirmedPage, StringComparison.Ordinal);

        await SetScoreAsync(site, story, 4.6);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
        await SetScoreAsync(site, story, 5.1);
        Assert.Equal(1, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
        var rose = await smtp.WaitForMessageAsync(2);
        Assert.Equal("[5.1] Talks on the border resume", rose.Subject);
        Assert.Contains("it rose by 1.1 points: 4.0 → 5.1", rose.TextBody, StringComparison.Ordinal);
        Assert.NotNull(rose.Headers["List-Unsubscribe"]);

        // Half a point more, still under the reader's 6: nothing. Then it crosses 6.
        await SetScoreAsync(site, story, 5.6);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
        await SetScoreAsync(site, story, 6.0);
        Assert.Equal(1, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
        var crossed = await smtp.WaitForMessageAsync(3);
        Assert.Contains("it crossed your threshold of 6.0: 5.1 → 6.0", crossed.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);

        var stop = StopLink().Match(crossed.TextBody!).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/follow/stop?token=" + stop)).Status);
        var stopped = await site.Client.PostAsync("/follow/stop?token=" + stop, null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        await SetScoreAsync(site, story, 9.5);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Followed);
        Assert.Equal(3, smtp.Messages.Count);
    }

    [Fact]
    public async Task Hostile_or_wrong_follow_requests_are_refused_clearly_and_store_nothing()
    {
        await using var smtp = SmtpSink.Start();
        var clock = new ManualClock();
        await using var site = await SiteAsync(smtp, clock);
        var story = await site.AddStoryAsync("Port strike enters second week", 5.0, at: clock.GetUtcNow().AddHours(-1));

        Assert.Equal(HttpStatusCode.NotFound, (await PostFollowAsync(site, "abc", "reader@example.test", "5")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFollowAsync(site, "99999", "reader@example.test", "5")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFollowAsync(site, "..%2f..%2fetc", "reader@example.test", "5")).StatusCode);
        var script = await PostFollowAsync(site, story.ToString(), "<script>alert(1)</script>", "5");
        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);
        var scriptPage = await script.Content.ReadAsStringAsync();
        Assert.Contains("is not an e-mail address", scriptPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", scriptPage, StringComparison.Ordinal);
        foreach (var threshold in new[] { "11", "-1", "NaN", "lots" })
        {
            var bad = await PostFollowAsync(site, story.ToString(), "reader@example.test", threshold);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFollowAsync(site, story.ToString(), "reader@example.test", "5", origin: "https://evil.example")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.GetAsync("/follow/confirm?token=fc.1.0.forged")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.GetAsync("/follow/confirm")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Client.PostAsync("/follow/stop?token=fs.1.0.forged", null)).StatusCode);

        await using var conn = await site.App.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM story_follows", CancellationToken.None));
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task A_site_that_cannot_send_mail_offers_no_follow_form_and_points_to_the_story_feed()
    {
        var clock = new ManualClock();
        await using var site = await SiteAsync(null, clock);
        var story = await site.AddStoryAsync("Floods spread across the delta", 6.0, at: clock.GetUtcNow().AddHours(-1));

        Assert.DoesNotContain("/follow\"", (await site.GetAsync($"/story/{story}")).Body, StringComparison.Ordinal);
        var refused = await PostFollowAsync(site, story.ToString(), "reader@example.test", "5");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains($"/story/{story}/feed.xml", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_follow_is_kept_once_per_address_and_story_follows_a_merged_story_to_its_survivor_and_ends_for_good(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var clock = new ManualClock();
        var store = new FollowStore(t.Database, clock);
        long first, survivor;
        await using (var conn = await t.Database.OpenAsync(CancellationToken.None))
        {
            const string insert = """
                INSERT INTO stories (status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, outlets, countries, score, title, version, scored_version)
                VALUES (@st, 0, 0, 0, 0, 3, 2, '[]', '[]', @score, @title, 1, 1) RETURNING id
                """;
            survivor = await Sql.LongAsync(conn, null, insert, CancellationToken.None, ("st", "open"), ("score", 7.0), ("title", "Survivor"));
            first = await Sql.LongAsync(conn, null, insert, CancellationToken.None, ("st", "merged"), ("score", 5.0), ("title", "Joined"));
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET merged_into = @s WHERE id = @id", CancellationToken.None, ("s", survivor), ("id", first));
        }

        var a = await store.UpsertAsync(first, "Reader@Example.test", 6, CancellationToken.None);
        var again = await store.UpsertAsync(first, "reader@example.test", 7, CancellationToken.None);
        Assert.Equal(a.Id, again.Id);
        Assert.Equal(7, again.Threshold);
        Assert.True(await store.TryReserveConfirmationAsync(a.Id, TimeSpan.FromHours(24), CancellationToken.None));
        Assert.False(await store.TryReserveConfirmationAsync(a.Id, TimeSpan.FromHours(24), CancellationToken.None));
        clock.Advance(TimeSpan.FromHours(25));
        Assert.True(await store.TryReserveConfirmationAsync(a.Id, TimeSpan.FromHours(24), CancellationToken.None));

        var followed = await store.StoryAsync(first, CancellationToken.None);
        Assert.Equal((survivor, "Survivor", 7.0), (followed!.Id, followed.Title, followed.Score!.Value));
        Assert.True(await store.ConfirmAsync(a.Id, 7.0, CancellationToken.None));
        Assert.Single(await store.ActiveAsync(CancellationToken.None));
        // An active follow keeps its threshold when asked again.
        Assert.Equal(7, (await store.UpsertAsync(first, "reader@example.test", 2, CancellationToken.None)).Threshold);

        Assert.True(await store.EndAsync(a.Id, CancellationToken.None));
        Assert.True(await store.EndAsync(a.Id, CancellationToken.None));
        Assert.False(await store.EndAsync(a.Id + 1000, CancellationToken.None));
        Assert.Empty(await store.ActiveAsync(CancellationToken.None));
        Assert.False(await store.ConfirmAsync(a.Id, 7.0, CancellationToken.None));
        Assert.Null(await store.StoryAsync(survivor + 1000, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(first, "not an address", 5, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(first, "reader@example.test", double.NaN, CancellationToken.None));
    }

    /// <summary>A story on the trial's thread, a week after the one before, linked as the scoring stage links it.</summary>
    private static async Task<long> AddThreadStoryAsync(SiteFixture site, string title, double score, DateTimeOffset at, int seed, double toward = 0.8)
    {
        var id = await site.AddStoryAsync(title, score, at: at);
        await site.ExecuteAsync("UPDATE stories SET centroid = @c WHERE id = @id",
            ("c", Salient.Embeddings.TextEmbedder.ToBytes(TestModels.Vector(toward, seed))), ("id", id));
        await site.Site.Services.GetRequiredService<StoryStore>().LinkThreadsAsync([id], CancellationToken.None);
        return id;
    }

    [Fact]
    public async Task A_reader_who_follows_a_thread_is_told_of_each_new_story_of_it_that_reaches_their_threshold_and_of_nothing_else()
    {
        await using var smtp = SmtpSink.Start();
        var clock = new ManualClock();
        await using var site = await SiteAsync(smtp, clock);
        var follows = site.Site.Services.GetRequiredService<FollowService>();
        var endpoint = SmtpEndpoint.Parse(smtp.Url);
        var start = clock.GetUtcNow().AddDays(-20);
        var trial = await AddThreadStoryAsync(site, "Derek Chauvin murder trial opens in Minneapolis", 5.1, start, 1);
        await AddThreadStoryAsync(site, "Wildfire forces evacuations in northern California", 4.0, start.AddDays(1), 2, toward: 0.1);

        Assert.Contains("name=\"follow\" value=\"thread\"", (await site.GetAsync($"/story/{trial}")).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostFollowAsync(site, trial.ToString(), "reader@example.test", "6", follow: "thread")).StatusCode);
        // The same address may follow the story itself too: two follows.
        Assert.Equal(HttpStatusCode.OK, (await PostFollowAsync(site, trial.ToString(), "reader@example.test", "6")).StatusCode);
        var confirmation = await smtp.WaitForMessageAsync();
        Assert.Contains("a new story in this story's thread scores 6.0 or more", confirmation.TextBody, StringComparison.Ordinal);
        var token = ConfirmLink().Match(confirmation.TextBody!).Groups[1].Value;
        var (confirmed, confirmedPage, _) = await site.GetAsync("/follow/confirm?token=" + token);
        Assert.Equal(HttpStatusCode.OK, confirmed);
        Assert.Contains("You follow the thread of", confirmedPage, StringComparison.Ordinal);
        await smtp.WaitForMessageAsync(2);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);

        // A story of another subject scoring high, and a new story of the thread under the threshold: nothing.
        await AddThreadStoryAsync(site, "Floods hit central Germany", 9.0, start.AddDays(5), 3, toward: 0.1);
        var hearing = await AddThreadStoryAsync(site, "Derek Chauvin trial hears from Minneapolis police chief", 5.0, start.AddDays(4), 4);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);

        var verdict = await AddThreadStoryAsync(site, "Jury finds Derek Chauvin guilty of murder", 7.2, start.AddDays(7), 5);
        Assert.Equal(1, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
        var told = await smtp.WaitForMessageAsync(3);
        Assert.Equal("[7.2] Jury finds Derek Chauvin guilty of murder", told.Subject);
        Assert.Contains($"/story/{verdict}", told.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain($"/story/{hearing}", told.TextBody, StringComparison.Ordinal);
        Assert.NotNull(told.Headers["List-Unsubscribe"]);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);

        // A bad choice of what to follow is refused and stores nothing new.
        var bad = await PostFollowAsync(site, trial.ToString(), "other@example.test", "6", follow: "<everything>");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("must be the story or its thread", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var conn = await site.App.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(2, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM story_follows", CancellationToken.None));
        // The mark of what was in the thread at confirming stays; the verdict is recorded as told.
        Assert.Equal(trial, await Sql.LongAsync(conn, null, "SELECT last_story_id FROM story_follows WHERE kind = 'thread'", CancellationToken.None));
        Assert.Equal(verdict, await Sql.LongAsync(conn, null, "SELECT story_id FROM story_follow_told", CancellationToken.None));
    }

    [Fact]
    public async Task A_thread_story_that_first_scores_below_the_threshold_is_mailed_once_when_it_crosses_it_even_after_a_newer_story_was_told()
    {
        await using var smtp = SmtpSink.Start();
        var clock = new ManualClock();
        await using var site = await SiteAsync(smtp, clock);
        var follows = site.Site.Services.GetRequiredService<FollowService>();
        var endpoint = SmtpEndpoint.Parse(smtp.Url);
        var start = clock.GetUtcNow().AddDays(-20);
        var trial = await AddThreadStoryAsync(site, "Derek Chauvin murder trial opens in Minneapolis", 5.1, start, 1);
        await ConfirmThreadFollowAsync(site, smtp, trial, "reader@example.test", 1);

        // The hearing first scores under the threshold; the newer verdict is told first.
        var hearing = await AddThreadStoryAsync(site, "Derek Chauvin trial hears from Minneapolis police chief", 5.0, start.AddDays(4), 4);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
        var verdict = await AddThreadStoryAsync(site, "Jury finds Derek Chauvin guilty of murder", 7.2, start.AddDays(7), 5);
        Assert.True(hearing < verdict);
        Assert.Equal(1, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
        Assert.Equal("[7.2] Jury finds Derek Chauvin guilty of murder", (await smtp.WaitForMessageAsync(2)).Subject);

        // The hearing rises across the threshold: told once, alone.
        await SetScoreAsync(site, hearing, 6.4);
        var report = await follows.CheckAsync(endpoint, CancellationToken.None);
        Assert.Equal((1, 0), (report.Sent, report.Failed));
        var told = await smtp.WaitForMessageAsync(3);
        Assert.Equal("[6.4] Derek Chauvin trial hears from Minneapolis police chief", told.Subject);
        Assert.Contains($"/story/{hearing}", told.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain($"/story/{verdict}", told.TextBody, StringComparison.Ordinal);

        // Not again: neither while it stays above, nor after it falls back and rises once more, nor for the verdict.
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
        await SetScoreAsync(site, hearing, 4.0);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
        await SetScoreAsync(site, hearing, 8.0);
        await SetScoreAsync(site, verdict, 9.5);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
    }

    /// <summary>A story that changed (it grew, took a merge, was retitled) to another subject, linked again as the scoring stage links it.</summary>
    private static async Task DriftAsync(SiteFixture site, long story, string title, int seed)
    {
        await site.ExecuteAsync("UPDATE stories SET title = @t, centroid = @c WHERE id = @id",
            ("t", title), ("c", Salient.Embeddings.TextEmbedder.ToBytes(TestModels.Vector(0.1, seed))), ("id", story));
        await site.ExecuteAsync("UPDATE articles SET title = @t WHERE id = (SELECT representative_article_id FROM stories WHERE id = @id)", ("t", title), ("id", story));
        await site.Site.Services.GetRequiredService<StoryStore>().LinkThreadsAsync([story], CancellationToken.None);
    }

    private static async Task ConfirmThreadFollowAsync(SiteFixture site, SmtpSink smtp, long story, string email, int messages)
    {
        Assert.Equal(HttpStatusCode.OK, (await PostFollowAsync(site, story.ToString(), email, "6", follow: "thread")).StatusCode);
        var token = ConfirmLink().Match((await smtp.WaitForMessageAsync(messages)).TextBody!).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/follow/confirm?token=" + token)).Status);
    }

    [Fact]
    public async Task A_thread_follower_is_not_told_of_a_story_that_left_the_thread_and_keeps_the_thread_when_the_story_followed_leaves_it()
    {
        await using var smtp = SmtpSink.Start();
        var clock = new ManualClock();
        await using var site = await SiteAsync(smtp, clock);
        var follows = site.Site.Services.GetRequiredService<FollowService>();
        var endpoint = SmtpEndpoint.Parse(smtp.Url);
        var start = clock.GetUtcNow().AddDays(-20);
        await AddThreadStoryAsync(site, "Wildfire forces evacuations in northern California", 4.0, start.AddDays(1), 2, toward: 0.1);
        await AddThreadStoryAsync(site, "Floods hit central Germany", 4.0, start.AddDays(2), 3, toward: 0.1);
        var trial = await AddThreadStoryAsync(site, "Derek Chauvin murder trial opens in Minneapolis", 5.1, start, 1);
        var hearing = await AddThreadStoryAsync(site, "Derek Chauvin trial hears from Minneapolis police chief", 5.0, start.AddDays(3), 4);
        var witness = await AddThreadStoryAsync(site, "Derek Chauvin trial hears the medical examiner", 5.5, start.AddDays(5), 6);
        // One reader follows the thread through the trial; another through the trial and, again, through the hearing.
        await ConfirmThreadFollowAsync(site, smtp, trial, "reader@example.test", 1);
        await ConfirmThreadFollowAsync(site, smtp, trial, "other@example.test", 2);
        await ConfirmThreadFollowAsync(site, smtp, hearing, "other@example.test", 3);

        // The verdict joins and scores high, but before the check its story turns out to be about something else and leaves.
        var verdict = await AddThreadStoryAsync(site, "Jury finds Derek Chauvin guilty of murder", 7.2, start.AddDays(7), 5);
        await DriftAsync(site, verdict, "Storm knocks out power across Texas", 70);
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);

        // The story the follows were made on leaves: they follow the thread it left, not the story.
        await DriftAsync(site, trial, "Iran nuclear talks resume in Vienna", 71);
        var talks = await AddThreadStoryAsync(site, "Iran nuclear talks in Vienna adjourn", 9.0, start.AddDays(6), 71, toward: 0.1);
        var appeal = await AddThreadStoryAsync(site, "Derek Chauvin trial hears closing arguments", 8.0, start.AddDays(8), 8);
        var report = await follows.CheckAsync(endpoint, CancellationToken.None);

        Assert.Equal((2, 0), (report.Sent, report.Failed));
        var first = await smtp.WaitForMessageAsync(4);
        var second = await smtp.WaitForMessageAsync(5);
        Assert.Equal(["other@example.test", "reader@example.test"], new[] { first, second }.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        foreach (var told in new[] { first, second })
        {
            Assert.Equal("[8.0] Derek Chauvin trial hears closing arguments", told.Subject);
            Assert.Contains($"/story/{appeal}", told.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain($"/story/{verdict}", told.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain($"/story/{talks}", told.TextBody, StringComparison.Ordinal);
        }
        await using var conn = await site.App.Database.OpenAsync(CancellationToken.None);
        var rows = await Sql.QueryAsync(conn, null, "SELECT email, story_id, status FROM story_follows WHERE kind = 'thread' ORDER BY id",
            r => (r.Str("email"), r.Long("story_id"), r.Str("status")), CancellationToken.None);
        // The other reader's second follow of one thread ended; the address keeps the one made on the hearing.
        Assert.Equal([("reader@example.test", hearing, "active"), ("other@example.test", trial, "ended"), ("other@example.test", hearing, "active")], rows);
        Assert.Equal(hearing, await Sql.LongAsync(conn, null, "SELECT thread_id FROM stories WHERE id = @id", CancellationToken.None, ("id", witness)));
    }

    [Fact]
    public async Task A_thread_follow_made_on_a_story_since_merged_into_one_that_leaves_the_thread_keeps_telling_of_the_thread()
    {
        await using var smtp = SmtpSink.Start();
        var clock = new ManualClock();
        await using var site = await SiteAsync(smtp, clock);
        var follows = site.Site.Services.GetRequiredService<FollowService>();
        var endpoint = SmtpEndpoint.Parse(smtp.Url);
        var start = clock.GetUtcNow().AddDays(-20);
        await AddThreadStoryAsync(site, "Wildfire forces evacuations in northern California", 4.0, start.AddDays(1), 2, toward: 0.1);
        await AddThreadStoryAsync(site, "Floods hit central Germany", 4.0, start.AddDays(2), 3, toward: 0.1);
        var trial = await AddThreadStoryAsync(site, "Derek Chauvin murder trial opens in Minneapolis", 5.1, start, 1);
        var hearing = await AddThreadStoryAsync(site, "Derek Chauvin trial hears from Minneapolis police chief", 5.0, start.AddDays(3), 4);
        var witness = await AddThreadStoryAsync(site, "Derek Chauvin trial hears the medical examiner", 5.5, start.AddDays(5), 6);
        await using var conn = await site.App.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(trial, await Sql.LongAsync(conn, null, "SELECT thread_id FROM stories WHERE id = @id", CancellationToken.None, ("id", witness)));
        await ConfirmThreadFollowAsync(site, smtp, witness, "reader@example.test", 1);

        // The followed story is merged into the hearing's, which then turns out to be about something else and leaves the thread.
        await site.ExecuteAsync("UPDATE stories SET status = 'merged', merged_into = @keep, thread_id = NULL WHERE id = @gone", ("keep", hearing), ("gone", witness));
        await DriftAsync(site, hearing, "Iran nuclear talks resume in Vienna", 71);
        var talks = await AddThreadStoryAsync(site, "Iran nuclear talks in Vienna adjourn", 9.0, start.AddDays(6), 71, toward: 0.1);
        var closing = await AddThreadStoryAsync(site, "Derek Chauvin trial hears closing arguments", 8.0, start.AddDays(8), 8);
        var report = await follows.CheckAsync(endpoint, CancellationToken.None);

        // The follow went with the thread, not with the story that left: told of the thread's new story, not of the talks.
        Assert.Equal((1, 0), (report.Sent, report.Failed));
        var told = await smtp.WaitForMessageAsync(2);
        Assert.Equal("reader@example.test", told.To.Mailboxes.Single().Address);
        Assert.Equal("[8.0] Derek Chauvin trial hears closing arguments", told.Subject);
        Assert.Contains($"/story/{closing}", told.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain($"/story/{talks}", told.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain($"/story/{hearing}", told.TextBody, StringComparison.Ordinal);
        Assert.Equal(trial, await Sql.LongAsync(conn, null, "SELECT story_id FROM story_follows WHERE kind = 'thread'", CancellationToken.None));
        Assert.Equal(0, (await follows.CheckAsync(endpoint, CancellationToken.None)).Sent);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_stories_a_thread_follow_was_told_of_are_kept_once_each(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new FollowStore(t.Database, new ManualClock());
        // The follow's story and five later stories of its thread (what is told of must exist: it is keyed to the story).
        var later = new List<long>();
        long story;
        await using (var conn = await t.Database.OpenAsync(CancellationToken.None))
        {
            story = await InsertStoryAsync(conn, "Trial");
            for (var i = 1; i <= 5; i++)
            {
                later.Add(await InsertStoryAsync(conn, $"Trial day {i}"));
            }
        }
        var follow = await store.UpsertAsync(story, "reader@example.test", 6, CancellationToken.None, FollowStore.ThreadKind);
        var other = await store.UpsertAsync(story, "other@example.test", 6, CancellationToken.None, FollowStore.ThreadKind);
        Assert.Empty(await store.ToldAsync(follow.Id, CancellationToken.None));

        await store.MarkToldAsync(follow.Id, [later[1], later[4]], CancellationToken.None);
        await store.MarkToldAsync(follow.Id, [later[4], later[0]], CancellationToken.None);
        await store.MarkToldAsync(follow.Id, [], CancellationToken.None);

        Assert.Equal(new[] { later[0], later[1], later[4] }, (await store.ToldAsync(follow.Id, CancellationToken.None)).Order());
        Assert.Empty(await store.ToldAsync(other.Id, CancellationToken.None));
        Assert.Equal(3, (await store.FindAsync(follow.Id, CancellationToken.None))!.Alerts);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_thread_longer_than_the_read_limit_gives_its_newest_stories_oldest_first(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new FollowStore(t.Database, new ManualClock());
        var ids = new List<long>();
        await using (var conn = await t.Database.OpenAsync(CancellationToken.None))
        {
            for (var i = 0; i < FollowStore.ThreadStoriesLimit + 5; i++)
            {
                ids.Add(await InsertStoryAsync(conn, "Trial day"));
            }
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET thread_id = @first", CancellationToken.None, ("first", ids[0]));
        }

        var stories = await store.ThreadStoriesAsync(ids[0], CancellationToken.None);

        Assert.Equal(ids.Skip(5), stories.Select(s => s.Id));
    }

    /// <summary>A scored, visible story of three articles from two outlets, inserted directly.</summary>
    private static Task<long> InsertStoryAsync(System.Data.Common.DbConnection conn, string title) => Sql.LongAsync(conn, null, """
        INSERT INTO stories (status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, outlets, countries, score, title, version, scored_version)
        VALUES ('open', 0, 0, 0, 0, 3, 2, '[]', '[]', 5, @title, 1, 1) RETURNING id
        """, CancellationToken.None, ("title", title));
}
