using Salient.Sections;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Sections;

/// <summary>Sections in the real browser (Debian's Chromium) against the real site on 127.0.0.1.</summary>
public sealed class SectionBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task A_reader_goes_from_a_story_to_its_region_and_from_the_navigation_to_a_topic_and_a_hostile_slug_is_a_page_not_found()
    {
        await using var site = await SiteFixture.CreateAsync();
        var story = await site.AddStoryAsync("Ceasefire talks resume between Ukraine and Russia", 7.1, outlets: ["Reuters", "BBC News"]);
        await site.App.Get<SectionStore>().SaveAsync(story, new StorySections([new TopicScore("conflict", 0.9)], ["UA", "RU"]), CancellationToken.None);
        var quiet = await site.AddStoryAsync("Kyiv opera house reopens its doors", 2.2, outlets: ["Kyiv Independent"]);
        await site.App.Get<SectionStore>().SaveAsync(quiet, new StorySections([new TopicScore("culture", 0.7)], ["UA"]), CancellationToken.None);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(site.BaseUri, $"/story/{story}").ToString());
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Ukraine", Exact = true }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, url => BrowserFixture.PathEndsWith(url, "/region/ua"));
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Ceasefire talks resume", main, StringComparison.Ordinal);
        Assert.Contains("Top of this section, below 5.5", main, StringComparison.Ordinal);
        Assert.Contains("Kyiv opera house", main, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "region-page-phone");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Navigation, new() { Name = "Site" }).GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Sections" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, url => BrowserFixture.PathEndsWith(url, "/sections"));
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Culture", Exact = true }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, url => BrowserFixture.PathEndsWith(url, "/topic/culture"));
        Assert.Contains("Kyiv opera house", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Ceasefire talks", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        var response = await page.GotoAsync(new Uri(site.BaseUri, "/region/%3Cscript%3Ealert(1)%3C%2Fscript%3E").ToString());
        Assert.Equal(404, response!.Status);
        Assert.Equal(0, await page.Locator("main script").CountAsync());
        Assert.Contains("There is no region", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
