using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Salient.Cli;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Web;

/// <summary>Who gets into the admin, over HTTP on 127.0.0.1, with hostile guesses, stale cookies and short tokens.</summary>
public sealed class AdminAuthTests
{
    private const string Token = "a-long-enough-admin-token-4711";

    [Theory]
    [InlineData("bearer")]
    [InlineData("form")]
    [InlineData("cookie")]
    public async Task Repeated_failed_logins_from_one_address_meet_a_limit_are_logged_and_lift_after_the_window(string how)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token, s => s
            .AddSingleton<TimeProvider>(clock)
            .AddLogging(b => b.AddProvider(logs)));

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < AdminAuth.MaxFailures + 2; i++)
        {
            answers.Add((await AttemptAsync(site, how, $"guess-{i}")).StatusCode);
        }
        using var rightButLimited = await AttemptAsync(site, how == "cookie" ? "bearer" : how, Token);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers.Take(AdminAuth.MaxFailures));
        Assert.All(answers.Skip(AdminAuth.MaxFailures), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButLimited.StatusCode);
        Assert.NotNull(rightButLimited.Headers.RetryAfter);
        Assert.Equal(AdminAuth.MaxFailures, logs.Messages.Count(m => m.Contains($"Admin authentication failed ({how}) from 127.0.0.1", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(Token, StringComparison.Ordinal) || m.Contains("guess-", StringComparison.Ordinal));

        clock.Advance(AdminAuth.FailureWindow + TimeSpan.FromSeconds(1));
        using var later = await AttemptAsync(site, "bearer", Token);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task A_session_is_random_ends_at_logout_and_its_forms_carry_its_own_token()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        var first = await LoginAsync(site);
        var second = await LoginAsync(site);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain(Token, first, StringComparison.Ordinal);

        var (_, page1, _) = await site.GetAsync("/admin", first);
        var (_, page2, _) = await site.GetAsync("/admin", second);
        Assert.NotEqual(Csrf(page1), Csrf(page2));
        using var crossed = new HttpRequestMessage(HttpMethod.Post, "/admin/rescore") { Content = new FormUrlEncodedContent([new("csrf", Csrf(page2))]) };
        crossed.Headers.Add("Cookie", first);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Client.SendAsync(crossed)).StatusCode);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/admin/logout");
        logout.Headers.Add("Cookie", first);
        Assert.Equal(HttpStatusCode.Redirect, (await site.Client.SendAsync(logout)).StatusCode);

        var (afterLogout, _, response) = await site.GetAsync("/admin", first);
        Assert.Equal(HttpStatusCode.Redirect, afterLogout);
        Assert.Equal("/admin/login", response.Headers.Location!.OriginalString);
        using var replayed = new HttpRequestMessage(HttpMethod.Post, "/admin/rescore") { Content = new FormUrlEncodedContent([new("csrf", Csrf(page1))]) };
        replayed.Headers.Add("Cookie", first);
        Assert.Equal(HttpStatusCode.Redirect, (await site.Client.SendAsync(replayed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/admin", second)).Status);
    }

    [Fact]
    public async Task Every_admin_action_is_in_the_audit_log_with_when_what_and_from_where()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        var session = await LoginAsync(site);
        using (var add = new HttpRequestMessage(HttpMethod.Post, "/admin/sources")
        {
            Content = new FormUrlEncodedContent([new("url", "https://reader:hunter2@feeds.example/world.xml?api_key=SECRET99")]),
        })
        {
            add.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            Assert.Equal(HttpStatusCode.Redirect, (await site.Client.SendAsync(add)).StatusCode);
        }
        using (var rescore = new HttpRequestMessage(HttpMethod.Post, "/admin/rescore"))
        {
            rescore.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            await site.Client.SendAsync(rescore);
        }

        var (_, page, _) = await site.GetAsync("/admin", session);
        var audit = page[page.IndexOf("Audit log", StringComparison.Ordinal)..];
        Assert.Contains("<td>login</td>", audit, StringComparison.Ordinal);
        Assert.Contains("<td>add source</td>", audit, StringComparison.Ordinal);
        Assert.Contains("https://feeds.example/world.xml?api_key=hidden: Source added.", audit, StringComparison.Ordinal);
        Assert.Contains("<td>score every story again</td>", audit, StringComparison.Ordinal);
        Assert.Contains("<td>127.0.0.1</td>", audit, StringComparison.Ordinal);
        Assert.Contains("<time datetime=", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET99", audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short-token", "only 11 characters long")]
    [InlineData("   ", "blank")]
    [InlineData("               Qz9 ", "only 3 characters long")]
    public async Task A_short_or_blank_admin_token_stops_the_site_before_it_starts_without_printing_it(string token, string expected)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("salient.json"), System.Text.Json.JsonSerializer.Serialize(new { Site = new { AdminToken = token } }));

        var (exit, _, stderr) = await SalientProcess.RunAsync(["--config", dir.File("salient.json"), "--db", dir.File("s.db"), "serve", "--urls", "http://127.0.0.1:0"], dir);

        Assert.Equal(2, exit);
        Assert.Contains("Site:AdminToken", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Contains("at least 16 characters", stderr, StringComparison.Ordinal);
        if (token.Trim().Length > 0)
        {
            Assert.DoesNotContain(token.Trim(), stderr, StringComparison.Ordinal);
        }
        SalientProcess.NoStackTrace(stderr);
    }

    [Fact]
    public async Task The_admin_bound_to_its_own_address_is_not_served_on_the_public_one()
    {
        using var dir = new TempDir();
        var adminPort = FreePort();
        File.WriteAllText(dir.File("salient.json"), System.Text.Json.JsonSerializer.Serialize(new { Site = new { AdminToken = Token, AdminUrls = $"http://127.0.0.1:{adminPort}" } }));
        await using var app = await SalientApp.OpenAsync(dir.File("s.db"), dir.File("salient.json"), CancellationToken.None);
        await using var site = await SiteHost.StartAsync(app, "http://127.0.0.1:0", CancellationToken.None, hostedServices: false);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var publicBase = site.Urls.Single(u => !u.EndsWith($":{adminPort}", StringComparison.Ordinal)).TrimEnd('/');

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{publicBase}/admin/login")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"{publicBase}/admin/login", new FormUrlEncodedContent([new("token", Token)]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{publicBase}/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{adminPort}/admin/login")).StatusCode);
        var login = await client.PostAsync($"http://127.0.0.1:{adminPort}/admin/login", new FormUrlEncodedContent([new("token", Token)]));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task An_admin_address_on_the_sites_own_port_or_without_a_port_is_refused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("salient.json"), """{"Site":{"AdminUrls":"http://127.0.0.1:0"}}""");
        await using var app = await SalientApp.OpenAsync(dir.File("s.db"), dir.File("salient.json"), CancellationToken.None);

        var e = await Assert.ThrowsAsync<UsageException>(() => SiteHost.StartAsync(app, "http://127.0.0.1:0", CancellationToken.None, hostedServices: false));
        Assert.Contains("Site:AdminUrls", e.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> AttemptAsync(SiteFixture site, string how, string secret)
    {
        switch (how)
        {
            case "form":
                return await site.Client.PostAsync("/admin/login", new FormUrlEncodedContent([new("token", secret)]));
            case "cookie":
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
                request.Headers.Add("Cookie", $"{AdminAuth.Cookie}={secret}");
                var response = await site.Client.SendAsync(request);
                return response;
            }
            default:
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                return await site.Client.SendAsync(request);
            }
        }
    }

    private static async Task<string> LoginAsync(SiteFixture site)
    {
        var login = await site.Client.PostAsync("/admin/login", new FormUrlEncodedContent([new("token", Token)]));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private static string Csrf(string html) => System.Text.RegularExpressions.Regex.Match(html, "name=\"csrf\" value=\"([0-9a-f]+)\"").Groups[1].Value;

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Every formatted log message, from every logger of the site.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
