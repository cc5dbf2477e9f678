using Microsoft.Playwright;

namespace Salient.Tests.Support;

/// <summary>A fact that needs Debian's chromium; skipped with a clear message where it is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserFixture.Chromium))
        {
            Skip = $"{BrowserFixture.Chromium} is not installed (apt-get install -y chromium); browser tests skipped";
        }
    }
}

/// <summary>One headless chromium shared by a test class; screenshots go to TestResults/screenshots at the repository root.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDir { get; } = FindScreenshotDir();

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(bool phone = true, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = javaScript,
        });
        // Generous timeouts: the suite shares two cores with builds and other tests.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Waits until the page is at an address <paramref name="at"/> accepts and its document has loaded. It reads the
    /// address the browser reports and the document's own state, never a navigation or load event: on a loaded
    /// machine Playwright's wait for a load state can miss one that has already passed (a WaitForURLAsync timed out
    /// after "Load event fired" was logged).
    /// </summary>
    public static async Task WaitForPageAsync(IPage page, Func<string, bool> at)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!at(page.Url))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"the page stayed at {page.Url} for 90 s");
            }
            await Task.Delay(50);
        }
        while (true)
        {
            try
            {
                await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
                return;
            }
            catch (PlaywrightException e) when (e.Message.Contains("context was destroyed", StringComparison.OrdinalIgnoreCase) && waited.Elapsed < TimeSpan.FromSeconds(90))
            {
                // The document was replaced while its state was read: read the new one's.
            }
        }
    }

    /// <summary>Whether an address's path ends with <paramref name="path"/> ("/region/ua").</summary>
    public static bool PathEndsWith(string url, string path) => new Uri(url).AbsolutePath.EndsWith(path, StringComparison.Ordinal);

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
    }

    private static string FindScreenshotDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Salient.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
    }
}
