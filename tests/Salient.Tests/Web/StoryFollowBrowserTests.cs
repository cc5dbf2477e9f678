using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Salient.Digest;
using Salient.Storage;
using Salient.Significance;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

/// <summary>A reader in Chromium follows a story that develops over days: its sparkline, its state and the follow by e-mail.</summary>
public sealed partial class StoryFollowBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"/follow/confirm\?token=([A-Za-z0-9%_\-\.~]+)")]
    private static partial Regex ConfirmLink();

    [BrowserFact]
    public async Task A_reader_follows_a_developing_story_by_e_mail_and_sees_its_score_drawn_over_the_days()
    {
        await using var smtp = SmtpSink.Start();
        var clock = new ManualClock();
        await using var site = await SiteFixture.CreateAsync(services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton(new DigestOptions { SmtpUrl = smtp.Url, SiteUrl = "http://127.0.0.1:5080", Secret = "browser-follow-secret" });
        });
        var stories = site.Site.Services.GetRequiredService<StoryStore>();
        var id = await site.AddStoryAsync("Floods spread across the delta", 4.0, at: clock.GetUtcNow(), outlets: ["Reuters", "AP"]);
        for (var (version, score) = (2, 4.0); version <= 4; version++, score += 1.2)
        {
            await site.ExecuteAsync("UPDATE stories SET version = @v WHERE id = @id", ("v", version), ("id", id));
            var factors = Factors.FromArray([score, score, score, score, score, 5, 5]);
            Assert.True(await stories.SaveScoreAsync(new PendingStory(id, version, "t", null, null, Coverage.Single(2), 0), new ScoredStory(score, factors, "r"), clock.GetUtcNow(), CancellationToken.None));
            clock.Advance(TimeSpan.FromHours(10));
        }

        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(site.BaseUri, $"story/{id}").ToString());
        Assert.Equal(3, await page.Locator("figure.history svg circle").CountAsync());
        Assert.True(await page.Locator("figure.history svg").IsVisibleAsync());
        Assert.Contains("4.0 at first, 6.4 now, over 3 scores", await page.Locator("figure.history figcaption").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".state-developing, .state-settled").CountAsync());

        await page.GetByLabel("E-mail address").FillAsync("reader@example.test");
        await page.GetByLabel("Your threshold (0–10)").FillAsync("7");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Follow by e-mail" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, url => url.EndsWith($"/story/{id}/follow", StringComparison.Ordinal));
        Assert.Contains("confirmation link is on its way", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "story-follow-asked");

        var mail = await smtp.WaitForMessageAsync();
        var token = ConfirmLink().Match(mail.TextBody!).Groups[1].Value;
        await page.GotoAsync(new Uri(site.BaseUri, "follow/confirm?token=" + token).ToString());
        Assert.Contains("You follow Floods spread across the delta. It scores 6.4 now.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await site.ExecuteAsync("UPDATE stories SET score = 7.1 WHERE id = @id", ("id", id));
        var report = await site.Site.Services.GetRequiredService<FollowService>().CheckAsync(SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);
        Assert.Equal(1, report.Sent);
        var alert = await smtp.WaitForMessageAsync(2);
        Assert.Contains("it crossed your threshold of 7.0: 6.4 → 7.1", alert.TextBody, StringComparison.Ordinal);
    }
}
