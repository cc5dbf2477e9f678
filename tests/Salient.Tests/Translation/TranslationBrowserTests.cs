using Microsoft.Playwright;
using Salient.Tests.Support;

namespace Salient.Tests.Translation;

/// <summary>A translated story in the real browser (Debian's Chromium) against the real site on 127.0.0.1.</summary>
public sealed class TranslationBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task A_reader_sees_a_translated_story_labelled_as_a_machine_translation_and_opens_its_original_with_one_click()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, _) = await TranslationPagesTests.TranslatedAsync(site);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(site.BaseUri.ToString());
        var item = page.Locator($"li.story[data-id=\"{german}\"]");
        Assert.Contains(TranslationPagesTests.EnglishTitle, await item.Locator("h2").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Machine translation", await item.InnerTextAsync(), StringComparison.Ordinal);
        var original = item.Locator("details.original p.original-title");
        Assert.False(await original.IsVisibleAsync());
        await item.GetByText("Original in German").ClickAsync();
        Assert.True(await original.IsVisibleAsync());
        Assert.Equal(TranslationPagesTests.GermanTitle, await original.InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "translated-story-front-phone");

        var link = item.Locator("h2 a");
        Assert.EndsWith($"/story/{german}", await link.GetAttributeAsync("href"), StringComparison.Ordinal);
        await link.ClickAsync();
        // The story page's own content, not a navigation event, which a loaded machine can let pass before the wait
        // for it begins: its note exists only on the story page.
        await page.GetByRole(AriaRole.Note).WaitForAsync(new() { Timeout = 90_000 });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        Assert.EndsWith($"/story/{german}", page.Url, StringComparison.Ordinal);
        Assert.Equal(TranslationPagesTests.EnglishTitle, await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        var note = page.GetByRole(AriaRole.Note);
        Assert.Contains("Machine translation from German", await note.InnerTextAsync(), StringComparison.Ordinal);
        var pageOriginal = note.Locator("p.original-title");
        Assert.False(await pageOriginal.IsVisibleAsync());
        await note.GetByText("Original title in German").ClickAsync();
        Assert.True(await pageOriginal.IsVisibleAsync());
        Assert.Equal("de", await pageOriginal.GetAttributeAsync("lang"));
        Assert.Equal(TranslationPagesTests.GermanTitle, await pageOriginal.InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "translated-story-page-phone");
    }
}
