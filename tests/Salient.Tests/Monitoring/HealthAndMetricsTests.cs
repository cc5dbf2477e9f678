using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Salient.Bench;
using Salient.Cli;
using Salient.Monitoring;
using Salient.Tests.Support;

namespace Salient.Tests.Monitoring;

/// <summary><c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> of the real site on 127.0.0.1, as work flows through a real store.</summary>
[Collection(ProcessWideMetrics.Name)]
public sealed partial class HealthAndMetricsTests
{
    private const string Token = "metrics-and-admin-token-0123";

    [Fact]
    public async Task Readiness_reports_a_stalled_pipeline_and_unapplied_migrations_and_recovers_when_they_are_dealt_with()
    {
        var clock = new ManualClock();
        await using var site = await SiteFixture.CreateAsync(services: s => s
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(new MonitoringOptions { StalledAfterMinutes = 30 }));

        var health = await site.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("ok\n", health.Body);
        Assert.Equal("no-store", health.Response.Headers.CacheControl!.ToString());
        Assert.Equal(("ready", HttpStatusCode.OK), await ReadyAsync(site));

        // An article is found and waits for extraction: young, then older than the limit.
        var article = await site.AddArticleAsync(null, "Waiting article", clock.GetUtcNow());
        await site.ExecuteAsync("UPDATE articles SET stage = 0 WHERE id = @id", ("id", article));
        Assert.Equal(("ready", HttpStatusCode.OK), await ReadyAsync(site));
        clock.Advance(TimeSpan.FromMinutes(45));
        var (stalled, body) = await ReadyBodyAsync(site);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stalled);
        Assert.Equal("unready", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("store").GetString());
        Assert.StartsWith("stalled: extract has 1 waiting, the oldest for 45 min", body.GetProperty("checks").GetProperty("pipeline").GetString(), StringComparison.Ordinal);

        await site.ExecuteAsync("UPDATE articles SET stage = 30 WHERE id = @id", ("id", article));
        Assert.Equal(("ready", HttpStatusCode.OK), await ReadyAsync(site));

        // A store whose schema is behind this version is not ready until it is migrated.
        await site.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 100");
        var (behind, why) = await ReadyBodyAsync(site);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, behind);
        Assert.Contains("0100_admin_audit", why.GetProperty("checks").GetProperty("migrations").GetString(), StringComparison.Ordinal);
        await site.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (100, 'admin_audit', 0)");
        Assert.Equal(("ready", HttpStatusCode.OK), await ReadyAsync(site));
    }

    [Fact]
    public async Task Metrics_in_prometheus_format_follow_an_ingest_polls_stages_queues_and_http_traffic()
    {
        await using var feeds = await LoopbackSite.StartAsync(recordRequests: false);
        var news = new SyntheticNewsSite(feeds.BaseUri, 6, 3, seed: 5);
        foreach (var (path, (body, type)) in news.Files)
        {
            feeds.MapBytes(path, body, type);
        }
        await using var site = await SiteFixture.CreateAsync();
        using var dir = new TempDir();
        File.WriteAllText(dir.File("feeds.opml"), news.Opml(feeds.BaseUri));
        var db = site.App.Database.Display;
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "import", dir.File("feeds.opml")]));

        var before = await ScrapeAsync(site);
        Assert.Equal(0, Value(before, "salient_articles", "stage", "grouped"));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "ingest", "--once", "--no-default-sources"]));
        var after = await ScrapeAsync(site);

        // Counters are the process's (other tests may add to them); the store's own gauges are exact.
        Assert.True(Value(after, "salient_polls_total", "outcome", "ok") - Value(before, "salient_polls_total", "outcome", "ok") >= 6);
        Assert.True(Value(after, "salient_articles_discovered_total") - Value(before, "salient_articles_discovered_total") >= 18);
        Assert.True(Value(after, "salient_stage_items_total", "stage", "extract") - Value(before, "salient_stage_items_total", "stage", "extract") >= 18);
        Assert.True(Value(after, "salient_stage_batch_duration_seconds_count", "stage", "group") > Value(before, "salient_stage_batch_duration_seconds_count", "stage", "group"));
        Assert.True(Value(after, "salient_stories_scored_total") - Value(before, "salient_stories_scored_total") >= 1);
        Assert.True(Value(after, "salient_poll_duration_seconds_count") - Value(before, "salient_poll_duration_seconds_count") >= 6);
        Assert.Equal(18, Value(after, "salient_articles", "stage", "grouped"));
        Assert.Equal(0, Value(after, "salient_queue_depth", "stage", "extract"));
        Assert.Contains("# TYPE salient_stage_batch_duration_seconds histogram", after, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_count", after, StringComparison.Ordinal);
        Assert.Contains("http_client_request_duration_seconds_count", after, StringComparison.Ordinal);
        Assert.Matches(new Regex("^dotnet_gc_", RegexOptions.Multiline), after);
        Assert.All(OwnMetricNames(after), name => Assert.StartsWith("salient_", name, StringComparison.Ordinal));

        // One article goes back to wait for extraction: the queue gauge shows it at the next scrape.
        await site.ExecuteAsync("UPDATE articles SET stage = 0 WHERE id = (SELECT MIN(id) FROM articles)");
        var again = await ScrapeAsync(site);
        Assert.Equal(1, Value(again, "salient_queue_depth", "stage", "extract"));
        Assert.True(Value(again, "salient_queue_oldest_age_seconds", "stage", "extract") >= 0);
        Assert.Equal(17, Value(again, "salient_articles", "stage", "grouped"));
    }

    [Fact]
    public async Task Metrics_answer_loopback_and_listed_networks_and_anyone_else_only_with_the_admin_token()
    {
        var closed = new MonitoringOptions { MetricsAllowLoopback = false };
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token, s => s.AddSingleton(closed));

        var refused = await site.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.DoesNotContain("salient_", refused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await MetricsWithBearerAsync(site, "not-the-token")).StatusCode);
        using var withToken = await MetricsWithBearerAsync(site, Token);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Contains("salient_queue_depth", await withToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        closed.MetricsNetworks = ["10.0.0.0/8", "127.0.0.0/8"];
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/metrics")).Status);

        closed.MetricsNetworks = [];
        closed.MetricsAllowLoopback = true;
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/metrics")).Status);
    }

    [Fact]
    public async Task A_site_that_has_polled_nothing_still_exports_its_queue_gauges()
    {
        // The instruments are made on first use, and `salient serve` never polls: its /metrics must still hold the queue
        // gauges. A process of its own, so no other test has made them first.
        using var dir = new TempDir();
        var store = dir.File("salient.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", store, "sources", "add", "https://one.example/feed.xml"]));
        var (serve, baseUrl) = await SalientProcess.StartServeAsync(store, dir);
        using (serve)
        {
            try
            {
                using var client = new HttpClient();
                var body = await client.GetStringAsync($"{baseUrl}/metrics");
                Assert.Contains("salient_queue_depth{", body, StringComparison.Ordinal);
                Assert.Contains("stage=\"extract\"", body, StringComparison.Ordinal);
            }
            finally
            {
                serve.Kill(entireProcessTree: true);
                await serve.WaitForExitAsync();
            }
        }
    }

    [Theory]
    [InlineData("127.0.0.1", true, new string[0], true)]
    [InlineData("::1", true, new string[0], true)]
    [InlineData("::ffff:127.0.0.1", true, new string[0], true)]
    [InlineData("127.0.0.1", false, new string[0], false)]
    [InlineData("10.1.2.3", true, new[] { "10.0.0.0/8" }, true)]
    [InlineData("::ffff:10.1.2.3", true, new[] { "10.0.0.0/8" }, true)]
    [InlineData("192.168.1.7", true, new[] { "10.0.0.0/8", "192.168.1.8" }, false)]
    [InlineData("192.168.1.8", true, new[] { "10.0.0.0/8", "192.168.1.8" }, true)]
    [InlineData("fd00::5", true, new[] { "fd00::/8" }, true)]
    [InlineData("203.0.113.9", true, new string[0], false)]
    public void Metrics_networks_are_matched_by_address_with_ipv4_mapped_addresses_unwrapped(string remote, bool loopback, string[] networks, bool allowed)
    {
        var options = new MonitoringOptions { MetricsAllowLoopback = loopback, MetricsNetworks = [.. networks] };
        options.Validate();
        Assert.Equal(allowed, MetricsEndpoint.FromAllowedNetwork(IPAddress.Parse(remote), options));
    }

    [Theory]
    [InlineData("""{"Monitoring":{"MetricsNetworks":["10.0.0.0/33"]}}""", "Monitoring:MetricsNetworks has '10.0.0.0/33'")]
    [InlineData("""{"Monitoring":{"MetricsNetworks":["intranet"]}}""", "Monitoring:MetricsNetworks has 'intranet'")]
    [InlineData("""{"Monitoring":{"StalledAfterMinutes":0}}""", "Monitoring:StalledAfterMinutes is 0")]
    public async Task Unusable_monitoring_settings_stop_the_command_with_a_message_naming_them(string json, string expected)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("salient.json"), json);

        var (exit, _, stderr) = await SalientProcess.RunAsync(["--config", dir.File("salient.json"), "--db", dir.File("s.db"), "stats"], dir);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("s.db")));
    }

    private static async Task<(string Status, HttpStatusCode Code)> ReadyAsync(SiteFixture site)
    {
        var (code, body) = await ReadyBodyAsync(site);
        return (body.GetProperty("status").GetString()!, code);
    }

    private static async Task<(HttpStatusCode, JsonElement)> ReadyBodyAsync(SiteFixture site)
    {
        var (status, body, response) = await site.GetAsync("/readyz");
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        return (status, JsonDocument.Parse(body).RootElement.Clone());
    }

    private static async Task<string> ScrapeAsync(SiteFixture site)
    {
        var (status, body, response) = await site.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        return body;
    }

    private static Task<HttpResponseMessage> MetricsWithBearerAsync(SiteFixture site, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return site.Client.SendAsync(request);
    }

    /// <summary>The sum of a metric's samples (those with <paramref name="label"/>=<paramref name="value"/> when given); 0 when absent.</summary>
    private static double Value(string exposition, string metric, string? label = null, string? value = null) =>
        exposition.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == metric && (label is null || m.Groups["labels"].Value.Contains($"{label}=\"{value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    /// <summary>Names of the metrics from Salient's own meter (labelled with its scope).</summary>
    private static IEnumerable<string> OwnMetricNames(string exposition) =>
        exposition.Split('\n').Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["labels"].Value.Contains($"otel_scope_name=\"{SalientMetrics.MeterName}\"", StringComparison.Ordinal))
            .Select(m => m.Groups["name"].Value).Distinct();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf|-Inf)( [0-9]+)?$")]
    private static partial Regex Sample();
}
