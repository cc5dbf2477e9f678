using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Salient.Digest;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Digest;

/// <summary>The subscribe form's sections in the real browser (Debian's Chromium) against the real site on 127.0.0.1, with a real SMTP server there.</summary>
public sealed class DigestBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task A_reader_subscribes_to_a_topic_with_its_own_score_and_a_region_and_an_unknown_region_answers_on_the_form()
    {
        await using var smtp = SmtpSink.Start();
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton(new DigestOptions
        {
            SmtpUrl = smtp.Url, SiteUrl = "http://127.0.0.1:5080", Secret = "browser-test-secret",
        }));
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(site.BaseUri, "/subscribe").ToString());
        await page.GetByLabel("E-mail address").FillAsync("reader@example.test");
        await page.GetByLabel("Region 1", new() { Exact = true }).FillAsync("atlantis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        var refused = await page.Locator("main [role=alert]").InnerTextAsync();
        Assert.Contains("there is no region 'atlantis'", refused, StringComparison.Ordinal);
        Assert.Null(await site.App.Get<DigestStore>().FindAsync("reader@example.test", CancellationToken.None));

        await page.GetByLabel("Region 1", new() { Exact = true }).FillAsync("europe");
        // The browser offers the regions that match as suggestions; close them as a reader would.
        await page.Keyboard.PressAsync("Escape");
        await page.GetByLabel("E-mail address").FillAsync("reader@example.test");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Science", Exact = true }).CheckAsync();
        await page.GetByLabel("Lowest score for Science", new() { Exact = true }).FillAsync("4.5");
        await BrowserFixture.ScreenshotAsync(page, "subscribe-sections-phone");
        var invalid = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('form :invalid')].map(e => e.name + '=' + e.value + ': ' + e.validationMessage)");
        Assert.Empty(invalid);
        var answer = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith("/subscribe", StringComparison.Ordinal));
        // Enter in the address field sends the form, as a keyboard reader does.
        await page.GetByLabel("E-mail address").PressAsync("Enter");
        var response = await answer;
        Assert.True(response.Status == 200, $"{response.Status}: {await response.TextAsync()}");
        // The answer's page replaces the form: wait for its text rather than for a load event, which a page this
        // small can fire before the wait for it begins.
        await page.GetByText("confirmation link is on its way").First.WaitForAsync();

        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("confirmation link is on its way", main, StringComparison.Ordinal);
        var store = site.App.Get<DigestStore>();
        var subscriber = await store.FindAsync("reader@example.test", CancellationToken.None);
        Assert.NotNull(subscriber);
        Assert.Equal([new SectionChoice("topic", "science", 4.5), new SectionChoice("region", "europe", null)], await store.SectionsAsync(subscriber.Id, CancellationToken.None));
    }
}
