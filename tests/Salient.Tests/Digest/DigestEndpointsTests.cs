using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Salient.Digest;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Tests.Web;

namespace Salient.Tests.Digest;

/// <summary>The subscription form and the confirmation link over HTTP, with a real SMTP server on 127.0.0.1.</summary>
public sealed partial class DigestEndpointsTests
{
    [GeneratedRegex(@"/confirm\?token=([A-Za-z0-9%_\-\.~]+)")]
    private static partial Regex ConfirmLink();

    private static async Task<(string Status, long Count)> SubscriberAsync(SiteFixture site, string email)
    {
        await using var conn = await site.App.Database.OpenAsync(CancellationToken.None);
        var count = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM subscribers", CancellationToken.None);
        var status = await Sql.ScalarAsync(conn, null, "SELECT status FROM subscribers WHERE email = @e", CancellationToken.None, ("e", email));
        return (status as string ?? "none", count);
    }

    [Fact]
    public async Task A_malformed_form_is_refused_with_the_form_again_a_good_one_sends_one_link_and_the_link_confirms()
    {
        await using var smtp = SmtpSink.Start();
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton(new DigestOptions
        {
            SmtpUrl = smtp.Url, SiteUrl = "http://127.0.0.1:5080", Secret = "endpoint-test-secret",
        }));

        // Percent-encoding that decodes to a NUL and one that is not hex: the form cannot be read.
        using var broken = new StringContent("email=reader%00%40example.test&cadence=%ZZ", Encoding.ASCII, "application/x-www-form-urlencoded");
        var refused = await site.Client.PostAsync("/subscribe", broken);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The form could not be read", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/subscribe\">", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(("none", 0L), await SubscriberAsync(site, "reader@example.test"));

        var accepted = await site.Client.PostAsync("/subscribe", new FormUrlEncodedContent(
            [new("email", "Reader@Example.test"), new("cadence", "daily"), new("threshold", "6")]));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("confirmation link is on its way", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var message = await smtp.WaitForMessageAsync();
        Assert.Equal("reader@example.test", message.To.Mailboxes.Single().Address, ignoreCase: true);
        Assert.Equal("pending", (await SubscriberAsync(site, "reader@example.test")).Status);

        var token = ConfirmLink().Match(message.TextBody ?? message.HtmlBody ?? string.Empty).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the message carries a confirmation link");
        var (badStatus, badHtml, _) = await site.GetAsync("/confirm?token=" + token[..^2] + "xx");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("not valid", badHtml, StringComparison.Ordinal);
        Assert.Equal("pending", (await SubscriberAsync(site, "reader@example.test")).Status);

        var (okStatus, okHtml, _) = await site.GetAsync("/confirm?token=" + token);
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Contains("Your subscription is confirmed", okHtml, StringComparison.Ordinal);
        Assert.Equal(("confirmed", 1L), await SubscriberAsync(site, "reader@example.test"));
        Assert.Single(smtp.Messages);
    }

    private static async Task<SiteFixture> SiteWithMailAsync(SmtpSink smtp) =>
        await SiteFixture.CreateAsync(services: s => s.AddSingleton(new DigestOptions
        {
            SmtpUrl = smtp.Url, SiteUrl = "http://127.0.0.1:5080", Secret = "endpoint-test-secret",
        }));

    private static async Task<IReadOnlyList<SectionChoice>> SectionsOfAsync(SiteFixture site, string email)
    {
        var store = site.App.Get<DigestStore>();
        return await store.SectionsAsync((await store.FindAsync(email, CancellationToken.None))!.Id, CancellationToken.None);
    }

    [Theory]
    [InlineData("abc", "There is no digest 'abc': a digest is named by its number")]
    [InlineData("-1", "There is no digest '-1'")]
    [InlineData("99999999999999999999", "There is no digest '99999999999999999999'")]
    [InlineData("%3Cscript%3Ealert(1)", "There is no digest '&lt;script&gt;alert(1)'")]
    [InlineData("424242", "There is no digest 424242; it may never have been sent.")]
    public async Task A_digest_that_is_not_there_is_a_page_that_says_what_was_asked_and_links_to_the_archive(string id, string says)
    {
        await using var site = await SiteFixture.CreateAsync();
        var (status, body, _) = await site.GetAsync($"/digests/{id}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(says, body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/digests\">All past digests</a>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_subscribe_form_stores_the_chosen_sections_in_order_with_their_scores()
    {
        await using var smtp = SmtpSink.Start();
        await using var site = await SiteWithMailAsync(smtp);

        var (_, form, _) = await site.GetAsync("/subscribe");
        var response = await site.Client.PostAsync("/subscribe", new FormUrlEncodedContent(
        [
            new("email", "reader@example.test"), new("cadence", "daily"), new("threshold", "6"),
            new("topic", "science"), new("topic_score_science", "4.5"), new("topic", "politics"), new("topic_score_politics", ""),
            new("region", "Europe"), new("region_score", ""), new("region", ""), new("region_score", "3"), new("region", "ua"), new("region_score", "2"),
        ]));

        Assert.Contains("name=\"topic\" value=\"science\"", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"middle-east\">Middle East</option>", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [new SectionChoice("topic", "science", 4.5), new SectionChoice("topic", "politics", null), new SectionChoice("region", "europe", null), new SectionChoice("region", "ua", 2)],
            await SectionsOfAsync(site, "reader@example.test"));
    }

    [Theory]
    [InlineData("topic", "astrology", "there is no topic")]
    [InlineData("region", "<script>alert(1)</script>", "there is no region")]
    [InlineData("region", "atlantis", "there is no region &#39;atlantis&#39;")]
    [InlineData("topic_score_science", "99", "must be a number from 0 to 10")]
    [InlineData("region_score", "-1", "must be a number from 0 to 10")]
    public async Task An_unknown_or_hostile_section_is_a_400_with_the_form_and_a_message_and_nothing_is_stored(string field, string value, string message)
    {
        await using var smtp = SmtpSink.Start();
        await using var site = await SiteWithMailAsync(smtp);
        var fields = new List<KeyValuePair<string, string>> { new("email", "reader@example.test"), new("topic", "science"), new("region", "europe"), new(field, value) };

        var response = await site.Client.PostAsync("/subscribe", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/subscribe\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Equal(("none", 0L), await SubscriberAsync(site, "reader@example.test"));
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task A_thousand_regions_or_a_huge_slug_are_refused_with_a_400_never_a_500()
    {
        await using var smtp = SmtpSink.Start();
        await using var site = await SiteWithMailAsync(smtp);
        var many = new List<KeyValuePair<string, string>> { new("email", "reader@example.test") };
        many.AddRange(Enumerable.Range(0, 1000).Select(_ => new KeyValuePair<string, string>("region", "europe")));
        var huge = new List<KeyValuePair<string, string>> { new("email", "reader@example.test"), new("region", new string('x', 50_000)) };

        var tooMany = await site.Client.PostAsync("/subscribe", new FormUrlEncodedContent(many));
        var tooLong = await site.Client.PostAsync("/subscribe", new FormUrlEncodedContent(huge));

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("choose at most 20", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadAsStringAsync()).Length < 40_000, "the slug is not echoed whole");
        Assert.Equal(("none", 0L), await SubscriberAsync(site, "reader@example.test"));
    }

    [Fact]
    public async Task A_subscriber_changes_their_sections_on_their_own_page_and_a_bad_change_or_a_forged_link_changes_nothing()
    {
        await using var smtp = SmtpSink.Start();
        await using var site = await SiteWithMailAsync(smtp);
        var store = site.App.Get<DigestStore>();
        var (s, _) = await store.UpsertAsync("reader@example.test", "weekly", 5.5, confirmed: true, CancellationToken.None);
        await store.SetSectionsAsync(s.Id, [new SectionChoice("topic", "science", 4)], CancellationToken.None);
        var token = new DigestTokens(await store.SecretAsync("endpoint-test-secret", CancellationToken.None), TimeProvider.System).Create(DigestTokens.Manage, s.Id, null);
        var page = "/subscription?token=" + Uri.EscapeDataString(token);

        var (status, form, _) = await site.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"topic-science\" name=\"topic\" value=\"science\" checked", form, StringComparison.Ordinal);
        Assert.Contains("name=\"topic_score_science\" min=\"0\" max=\"10\" step=\"0.1\" value=\"4.0\"", form, StringComparison.Ordinal);

        var bad = await site.Client.PostAsync(page, new FormUrlEncodedContent([new("cadence", "daily"), new("region", "narnia")]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("there is no region &#39;narnia&#39;", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([new SectionChoice("topic", "science", 4)], await SectionsOfAsync(site, "reader@example.test"));
        Assert.Equal("weekly", (await store.FindAsync(s.Id, CancellationToken.None))!.Cadence);

        var forged = await site.Client.PostAsync("/subscription?token=" + Uri.EscapeDataString(token[..^2] + "xx"), new FormUrlEncodedContent([new("region", "asia")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.GetAsync("/subscription?token=%3Cb%3E")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.GetAsync("/subscription")).Status);

        var saved = await site.Client.PostAsync(page, new FormUrlEncodedContent([new("cadence", "daily"), new("threshold", "6.5"), new("region", "asia"), new("region_score", "5")]));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal([new SectionChoice("region", "asia", 5)], await SectionsOfAsync(site, "reader@example.test"));
        var after = (await store.FindAsync(s.Id, CancellationToken.None))!;
        Assert.Equal(("daily", 6.5, "confirmed"), (after.Cadence, after.Threshold, after.Status));

        // Choosing nothing is the whole edition again.
        await site.Client.PostAsync(page, new FormUrlEncodedContent([new("cadence", "daily")]));
        Assert.Empty(await SectionsOfAsync(site, "reader@example.test"));
    }

    [Fact]
    public async Task The_form_cannot_change_the_sections_of_a_confirmed_subscriber()
    {
        await using var smtp = SmtpSink.Start();
        await using var site = await SiteWithMailAsync(smtp);
        var store = site.App.Get<DigestStore>();
        var (s, _) = await store.UpsertAsync("reader@example.test", "weekly", 5.5, confirmed: true, CancellationToken.None);
        await store.SetSectionsAsync(s.Id, [new SectionChoice("topic", "science", null)], CancellationToken.None);

        var response = await site.Client.PostAsync("/subscribe", new FormUrlEncodedContent([new("email", "reader@example.test"), new("region", "asia")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([new SectionChoice("topic", "science", null)], await SectionsOfAsync(site, "reader@example.test"));
    }

    [Fact]
    public async Task The_subscribe_form_takes_five_posts_per_address_in_ten_minutes_refuses_the_next_with_a_429_and_takes_them_again_once_the_clock_moves_on()
    {
        await using var smtp = SmtpSink.Start();
        var clock = new ManualClock();
        await using var site = await SiteFixture.CreateAsync(services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton(new DigestOptions { SmtpUrl = smtp.Url, SiteUrl = "http://127.0.0.1:5080", Secret = "endpoint-test-secret" });
        });
        Task<HttpResponseMessage> SubscribeAsync(int n) =>
            site.Client.PostAsync("/subscribe", new FormUrlEncodedContent([new("email", $"reader{n}@example.test"), new("cadence", "weekly")]));

        for (var n = 1; n <= 5; n++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SubscribeAsync(n)).StatusCode);
        }
        // The confirmation mail is dated by the app's clock, not the machine's.
        Assert.Equal(clock.GetUtcNow(), (await smtp.WaitForMessageAsync()).Date);

        var refused = await SubscribeAsync(6);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter?.Delta);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Too many requests from your address: at most 5 forms in 10 minutes. Please try again in 10 minutes; nothing was changed.", page, StringComparison.Ordinal);
        Assert.Equal(("none", 5L), await SubscriberAsync(site, "reader6@example.test"));

        clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(30));
        var stillRefused = await SubscribeAsync(6);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), stillRefused.Headers.RetryAfter?.Delta);
        Assert.Contains("Please try again in 1 minute;", await stillRefused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await SubscribeAsync(6)).StatusCode);
        Assert.Equal(("pending", 6L), await SubscriberAsync(site, "reader6@example.test"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("u.1.0.AAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unsubscribe_link_that_is_not_valid_says_so_at_once_instead_of_offering_a_button_that_then_fails(string token)
    {
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton(new DigestOptions
        {
            SiteUrl = "http://127.0.0.1:5080", Secret = "endpoint-test-secret",
        }));
        var (subscriber, _) = await site.App.Get<DigestStore>().UpsertAsync("reader@example.test", "daily", 5.5, confirmed: true, null, CancellationToken.None);
        var valid = new DigestTokens(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("endpoint-test-secret")), TimeProvider.System)
            .Create(DigestTokens.Unsubscribe, subscriber.Id, null);

        var (status, html, _) = await site.GetAsync("/unsubscribe?token=" + token);
        var (goodStatus, goodHtml, _) = await site.GetAsync("/unsubscribe?token=" + Uri.EscapeDataString(valid));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("This unsubscribe link is not valid. Use the link at the foot of a digest.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<button", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Equal("confirmed", (await SubscriberAsync(site, "reader@example.test")).Status);
        // A valid link still shows the button, and pressing it unsubscribes.
        Assert.Equal(HttpStatusCode.OK, goodStatus);
        Assert.Contains("<button type=\"submit\">Unsubscribe</button>", goodHtml, StringComparison.Ordinal);
        var pressed = await site.Client.PostAsync("/unsubscribe?token=" + Uri.EscapeDataString(valid), new StringContent(""));
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Equal("unsubscribed", (await SubscriberAsync(site, "reader@example.test")).Status);
    }
}
