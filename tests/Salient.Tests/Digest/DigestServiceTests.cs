using MailKit.Security;
using Salient.Digest;
using Salient.Storage;
using Salient.Tests.Support;
using Pages = Salient.Tests.Translation.TranslationPagesTests;

namespace Salient.Tests.Digest;

public sealed class DigestServiceTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Send_delivers_one_message_with_one_click_unsubscribe_headers_and_a_second_send_sends_nothing(string engine)
    {
        await using var f = await DigestFixture.CreateAsync(engine: engine);
        await using var smtp = SmtpSink.Start();
        await f.AddStoryAsync("Parliament passes climate law", 7.2, outlets: ["Reuters", "BBC News", "Le Monde", "NHK"]);
        await f.AddStoryAsync("Central bank raises rates", 6.1);
        var (s, _) = await f.Store.UpsertAsync("reader@example.test", "weekly", 0, confirmed: true, CancellationToken.None);

        var first = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);
        var second = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(1, first.Sent);
        Assert.Equal(0, second.Sent);
        Assert.Equal(0, second.Planned);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("reader@example.test", message.To.Mailboxes.Single().Address);
        var unsubscribe = message.Headers["List-Unsubscribe"]!;
        Assert.StartsWith("<http://127.0.0.1:5080/unsubscribe?token=", unsubscribe, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(f.Clock.GetUtcNow(), message.Date);
        Assert.Contains("[7.2] Parliament passes climate law — Reuters, BBC News, Le Monde and 1 more", message.TextBody, StringComparison.Ordinal);
        Assert.True(message.TextBody!.IndexOf("[7.2]", StringComparison.Ordinal) < message.TextBody.IndexOf("[6.1]", StringComparison.Ordinal), "stories are ordered by score");
        Assert.Contains("/story/", message.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull((await f.Store.FindAsync(s.Id, CancellationToken.None))!.LastDigestAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Stories_below_the_threshold_are_left_out_and_a_story_that_grew_is_not_sent_again(string engine)
    {
        await using var f = await DigestFixture.CreateAsync(engine: engine);
        await using var smtp = SmtpSink.Start();
        var big = await f.AddStoryAsync("War begins", 8.0);
        await f.AddStoryAsync("Football club wins cup", 2.1);
        await f.Store.UpsertAsync("reader@example.test", "daily", 5.5, confirmed: true, CancellationToken.None);
        await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);
        await f.GrowStoryAsync(big, 8.4);
        await f.AddStoryAsync("Ceasefire agreed", 7.0);

        await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(2, smtp.Messages.Count);
        var first = smtp.Messages.ElementAt(0).TextBody;
        var second = smtp.Messages.ElementAt(1).TextBody;
        Assert.Contains("War begins", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Football", first, StringComparison.Ordinal);
        Assert.Contains("Ceasefire agreed", second, StringComparison.Ordinal);
        Assert.DoesNotContain("War begins", second, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_scored_in_the_same_clock_tick_as_the_last_digest_comes_in_the_next_one(string engine)
    {
        await using var f = await DigestFixture.CreateAsync(engine: engine);
        await using var smtp = SmtpSink.Start();
        await f.AddStoryAsync("Parliament dissolved", 7.4);
        await f.Store.UpsertAsync("reader@example.test", "daily", 5.5, confirmed: true, CancellationToken.None);
        await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        // The clock has not moved: this story is scored in the very tick the first digest was planned and sent.
        await f.AddStoryAsync("Snap election called", 6.8);
        f.Clock.Advance(TimeSpan.FromDays(1));
        var next = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(1, next.Sent);
        Assert.Equal(2, smtp.Messages.Count);
        Assert.Contains("Snap election called", smtp.Messages.ElementAt(1).TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Parliament dissolved", smtp.Messages.ElementAt(1).TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_scored_while_a_digest_waits_to_be_sent_comes_in_the_next_one(string engine)
    {
        await using var f = await DigestFixture.CreateAsync(engine: engine);
        await f.AddStoryAsync("Bridge collapses", 7.9);
        var (s, _) = await f.Store.UpsertAsync("reader@example.test", "daily", 5.5, confirmed: true, CancellationToken.None);
        var planned = f.Clock.GetUtcNow();
        var chosen = await f.Store.CandidatesAsync(s, TimeSpan.FromDays(1), 10, CancellationToken.None);
        var delivery = await f.Store.PlanAsync(s, "daily", "subject", "<p>x</p>", "x", chosen.Select(x => x.Id).ToList(), "digest-wait@salient", planned, CancellationToken.None);

        // The server defers the message for an hour; meanwhile another story is scored; then the first is accepted.
        f.Clock.Advance(TimeSpan.FromMinutes(30));
        var meanwhile = await f.AddStoryAsync("Rescue teams reach survivors", 6.9);
        f.Clock.Advance(TimeSpan.FromMinutes(30));
        await f.Store.MarkSentAsync(delivery, s.Id, CancellationToken.None);
        var after = (await f.Store.FindAsync(s.Id, CancellationToken.None))!;
        var next = await f.Store.CandidatesAsync(after, TimeSpan.FromDays(1), 10, CancellationToken.None);

        Assert.Equal(planned, after.LastDigestAt);
        Assert.Equal([meanwhile], next.Select(x => x.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_that_absorbed_an_already_sent_story_is_not_sent_as_new(string engine)
    {
        await using var f = await DigestFixture.CreateAsync(engine: engine);
        await using var smtp = SmtpSink.Start();
        var sent = await f.AddStoryAsync("Dam bursts upstream of the city", 7.2);
        var other = await f.AddStoryAsync("Evacuation ordered as river rises", 4.0);
        var earlier = await f.AddStoryAsync("Levee inspected after warnings", 3.0);
        await f.MergeAsync(earlier, sent);
        await f.Store.UpsertAsync("reader@example.test", "daily", 5.5, confirmed: true, CancellationToken.None);
        await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        // The two turn out to be one event: the other id survives, grows past the threshold and is rescored.
        await f.MergeAsync(sent, other);
        await f.GrowStoryAsync(other, 7.6);
        await f.AddStoryAsync("Court strikes down the election law", 6.5);
        await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(2, smtp.Messages.Count);
        Assert.Contains("Dam bursts upstream", smtp.Messages.ElementAt(0).TextBody, StringComparison.Ordinal);
        var second = smtp.Messages.ElementAt(1).TextBody;
        Assert.Contains("Court strikes down the election law", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Evacuation ordered", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Dam bursts", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weekly_digest_is_titled_with_the_week_it_covers_and_a_daily_one_with_its_day()
    {
        // The fixture's clock stands at Monday 2 March 2026, 09:00 UTC.
        await using var f = await DigestFixture.CreateAsync();
        await using var smtp = SmtpSink.Start();
        await f.AddStoryAsync("Parliament passes climate law", 7.2);
        await f.Store.UpsertAsync("weekly@example.test", "weekly", 5.5, confirmed: true, CancellationToken.None);
        await f.Store.UpsertAsync("daily@example.test", "daily", 5.5, confirmed: true, CancellationToken.None);

        await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        var subjects = smtp.Messages.ToDictionary(m => m.To.Mailboxes.Single().Address, m => m.Subject, StringComparer.Ordinal);
        Assert.Equal("Salient weekly digest, 23 February – 2 March 2026: 1 story", subjects["weekly@example.test"]);
        Assert.Equal("Salient daily digest, 2 March 2026: 1 story", subjects["daily@example.test"]);
    }

    [Fact]
    public async Task A_digest_is_titled_with_the_dates_of_the_schedules_time_zone()
    {
        await using var f = await DigestFixture.CreateAsync(o => o.TimeZone = "Pacific/Auckland");
        await using var smtp = SmtpSink.Start();
        // 23:00 UTC on Monday 2 March is noon on Tuesday 3 March in Auckland.
        f.Clock.Advance(TimeSpan.FromHours(14));
        await f.AddStoryAsync("Parliament passes climate law", 7.2);
        await f.Store.UpsertAsync("weekly@example.test", "weekly", 5.5, confirmed: true, CancellationToken.None);

        await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal("Salient weekly digest, 24 February – 3 March 2026: 1 story", Assert.Single(smtp.Messages).Subject);
    }

    [Theory]
    [InlineData("2026-06-09T07:00:00Z", "weekly", "Salient weekly digest, 2–9 June 2026: 3 stories")]
    [InlineData("2026-01-03T07:00:00Z", "weekly", "Salient weekly digest, 27 December 2025 – 3 January 2026: 3 stories")]
    [InlineData("2026-06-09T07:00:00Z", "daily", "Salient daily digest, 9 June 2026: 3 stories")]
    public void A_subject_names_the_days_its_digest_covers(string at, string cadence, string subject) =>
        Assert.Equal(subject, DigestComposer.Subject(cadence, 3, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task A_day_with_nothing_significant_sends_nothing_unless_a_note_is_configured()
    {
        await using var quiet = await DigestFixture.CreateAsync();
        await using var noted = await DigestFixture.CreateAsync(o => o.SendEmptyNote = true);
        await using var smtp = SmtpSink.Start();
        foreach (var f in new[] { quiet, noted })
        {
            await f.AddStoryAsync("Celebrity wedding", 1.5);
            await f.Store.UpsertAsync("reader@example.test", "daily", 5.5, confirmed: true, CancellationToken.None);
        }

        var none = await quiet.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);
        var note = await noted.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(0, none.Sent);
        Assert.Equal(1, note.Sent);
        Assert.Contains("nothing significant", Assert.Single(smtp.Messages).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unconfirmed_and_unsubscribed_addresses_get_nothing()
    {
        await using var f = await DigestFixture.CreateAsync();
        await using var smtp = SmtpSink.Start();
        await f.AddStoryAsync("Vaccine approved", 7.5);
        await f.Store.UpsertAsync("pending@example.test", "weekly", 0, confirmed: false, CancellationToken.None);
        var (gone, _) = await f.Store.UpsertAsync("gone@example.test", "weekly", 0, confirmed: true, CancellationToken.None);
        await f.Store.UnsubscribeAsync(gone.Id, CancellationToken.None);

        var report = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(0, report.Sent);
        Assert.Empty(smtp.Messages);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_server_that_drops_the_connection_mid_send_gets_the_message_once_on_retry(string engine)
    {
        await using var f = await DigestFixture.CreateAsync(o => o.AttemptsPerRun = 1, engine);
        await using var smtp = new ScriptedSmtpServer("drop");
        await f.AddStoryAsync("Court strikes down law", 7.0);
        var (s, _) = await f.Store.UpsertAsync("reader@example.test", "weekly", 0, confirmed: true, CancellationToken.None);

        var first = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);
        Assert.Equal(1, first.Deferred);
        Assert.Equal("pending", await f.DeliveryStatusAsync(s.Id));
        f.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);
        var third = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(1, second.Sent);
        Assert.Equal(0, third.Sent);
        Assert.Single(smtp.Accepted);
        Assert.Equal(2, smtp.Attempts);
        Assert.Equal("sent", await f.DeliveryStatusAsync(s.Id));
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_with_backoff_and_then_accepted_once()
    {
        await using var f = await DigestFixture.CreateAsync();
        await using var smtp = new ScriptedSmtpServer("451", "421");
        await f.AddStoryAsync("Election result confirmed", 6.5);
        await f.Store.UpsertAsync("reader@example.test", "weekly", 0, confirmed: true, CancellationToken.None);

        var report = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(1, report.Sent);
        Assert.Equal(3, smtp.Attempts);
        Assert.Single(smtp.Accepted);
    }

    [Fact]
    public async Task A_permanent_refusal_marks_the_address_and_is_not_retried()
    {
        await using var f = await DigestFixture.CreateAsync();
        await using var smtp = new ScriptedSmtpServer("550");
        await f.AddStoryAsync("Earthquake kills hundreds", 7.8);
        var (s, _) = await f.Store.UpsertAsync("nobody@example.test", "weekly", 0, confirmed: true, CancellationToken.None);

        var report = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);
        var again = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(1, report.Failed);
        Assert.Equal(0, again.Sent + again.Failed);
        Assert.Equal(1, smtp.Attempts);
        var bounced = await f.Store.FindAsync(s.Id, CancellationToken.None);
        Assert.Equal("bounced", bounced!.Status);
        Assert.Contains("550", bounced.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_delivery_interrupted_by_a_crash_is_sent_once_with_the_same_message_id(string engine)
    {
        await using var f = await DigestFixture.CreateAsync(engine: engine);
        await using var smtp = SmtpSink.Start();
        await f.AddStoryAsync("Pandemic declared over", 8.1);
        var (s, _) = await f.Store.UpsertAsync("reader@example.test", "weekly", 0, confirmed: true, CancellationToken.None);
        // A crash after recording the delivery and marking it "sending", before the server answered.
        var stories = await f.Store.CandidatesAsync(s, TimeSpan.FromDays(7), 10, CancellationToken.None);
        var id = await f.Store.PlanAsync(s, "weekly", "subject", "<p>x</p>", "x", stories.Select(x => x.Id).ToList(), "digest-crash@salient", f.Clock.GetUtcNow(), CancellationToken.None);
        await f.Store.MarkSendingAsync(id, CancellationToken.None);

        var report = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(1, report.Sent);
        Assert.Equal(0, report.Planned);
        Assert.Equal("digest-crash@salient", Assert.Single(smtp.Messages).MessageId);
    }

    [Theory]
    [InlineData("", "no SMTP server configured")]
    [InlineData("http://mail.example.test", "scheme 'http'")]
    [InlineData("not a url", "is not a URL")]
    public void Unusable_smtp_urls_are_refused_with_a_message_that_says_what_to_use(string url, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => SmtpEndpoint.Parse(url));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Smtp_urls_carry_credentials_port_and_tls_choice_and_hide_the_password_in_messages()
    {
        var e = SmtpEndpoint.Parse("smtps://user%40x:p%3Ass@mail.example.test");
        Assert.Equal(("user@x", "p:ss", 465, SecureSocketOptions.SslOnConnect), (e.User, e.Password, e.Port, e.Security));
        Assert.Equal(SecureSocketOptions.StartTlsWhenAvailable, SmtpEndpoint.Parse("smtp://127.0.0.1:2525").Security);
        Assert.DoesNotContain("secret", SmtpEndpoint.Redact("smtp://u:secret@h:25"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("two@@example.test")]
    [InlineData("spaces in@example.test")]
    [InlineData("reader@localhost")]
    [InlineData("")]
    public async Task Invalid_addresses_are_refused_and_nothing_is_stored(string email)
    {
        await using var f = await DigestFixture.CreateAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => f.Store.UpsertAsync(email, "weekly", 5.5, true, CancellationToken.None));
        Assert.Empty(await f.Store.ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("hourly", 5.5)]
    [InlineData("weekly", 11)]
    [InlineData("weekly", -1)]
    [InlineData("weekly", double.NaN)]
    public async Task Unknown_cadences_and_thresholds_outside_the_scale_are_refused(string cadence, double threshold)
    {
        await using var f = await DigestFixture.CreateAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => f.Store.UpsertAsync("reader@example.test", cadence, threshold, true, CancellationToken.None));
    }

    [Fact]
    public void Tokens_are_bound_to_purpose_and_subscriber_and_expire()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tokens = new DigestTokens([1, 2, 3], clock);
        var confirm = tokens.Create(DigestTokens.Confirm, 42, TimeSpan.FromHours(48));
        Assert.Equal(42, tokens.Validate(confirm, DigestTokens.Confirm));
        Assert.Null(tokens.Validate(confirm, DigestTokens.Unsubscribe));
        Assert.Null(tokens.Validate(confirm.Replace(".42.", ".43.", StringComparison.Ordinal), DigestTokens.Confirm));
        Assert.Null(new DigestTokens([9], clock).Validate(confirm, DigestTokens.Confirm));
        Assert.Null(tokens.Validate("c.42.0.", DigestTokens.Confirm));
        Assert.Null(tokens.Validate(null, DigestTokens.Confirm));
        clock.Advance(TimeSpan.FromHours(49));
        Assert.Null(tokens.Validate(confirm, DigestTokens.Confirm));
        Assert.Equal(42, tokens.Validate(tokens.Create(DigestTokens.Unsubscribe, 42, null), DigestTokens.Unsubscribe));
    }

    [Fact]
    public void The_scheduler_sends_at_the_configured_local_time_on_the_next_day_once_it_has_passed()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var now = DateTimeOffset.Parse("2026-06-01T06:30:00Z", System.Globalization.CultureInfo.InvariantCulture); // 08:30 in Berlin
        var next = DigestScheduler.NextSend(now, zone, "07:00");
        Assert.Equal(DateTimeOffset.Parse("2026-06-02T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public async Task A_story_in_another_language_comes_in_the_digest_translated_labelled_with_its_original_and_its_markup_as_text()
    {
        await using var site = await SiteFixture.CreateAsync();
        await using var smtp = SmtpSink.Start();
        var (german, _) = await Pages.TranslatedAsync(site);
        await site.ExecuteAsync("UPDATE story_translations SET summary = @s WHERE story_id = @id",
            ("s", "The Bundestag passed the budget for 2027 on Friday. <script>alert(1)</script>"), ("id", german));
        await site.App.Get<DigestStore>().UpsertAsync("reader@example.test", "daily", 0, confirmed: true, CancellationToken.None);

        var report = await site.App.Get<DigestService>().SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(1, report.Sent);
        var message = Assert.Single(smtp.Messages);
        var t = Pages.EnglishTitle;
        Assert.Contains($"[7.0] {t} — Die Zeit, FAZ", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Machine translation from German. Original: {Pages.GermanTitle}. "
            + Pages.GermanSummary, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Parliament passes the budget", message.TextBody, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(message.TextBody!, "Machine translation"));
        Assert.Contains($"{t}</a>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Original: <span lang=\"de\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", message.HtmlBody, StringComparison.Ordinal);
    }
}
