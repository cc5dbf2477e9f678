using System.Net;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Web;

/// <summary>What the public site and API reveal about the host and its sources, and where their absolute links point, against hostile requests.</summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public async Task The_api_never_shows_feed_credentials_query_secrets_or_raw_network_errors()
    {
        await using var site = await SiteFixture.CreateAsync();
        var secret = await site.AddSourceAsync("Members feed");
        var refused = await site.AddSourceAsync("Refused feed");
        var missing = await site.AddSourceAsync("Missing feed");
        await site.ExecuteAsync("UPDATE sources SET url = @u, last_status = 'error', last_error = @e WHERE id = @id",
            ("u", "https://reader:hunter2@members.example/rss?edition=uk&api_key=SECRET99&Token=T0K3N"),
            ("e", "cannot fetch 'https://reader:hunter2@members.example/rss': Connection refused (127.0.0.1:6379)"), ("id", secret));
        await site.ExecuteAsync("UPDATE sources SET last_status = 'error', last_error = @e WHERE id = @id",
            ("e", "cannot fetch 'http://10.0.0.5:8080/admin': No route to host"), ("id", refused));
        await site.ExecuteAsync("UPDATE sources SET last_status = 'error', last_error = @e WHERE id = @id",
            ("e", "HTTP 404 Not Found from 'http://internal.example:9200/feed'"), ("id", missing));

        var (status, body, _) = await site.GetAsync("/api/sources");

        Assert.Equal(HttpStatusCode.OK, status);
        // Ports as an error gives them (":6379"), not bare digits, which the sources' random host names may hold.
        foreach (var leak in new[] { "hunter2", "reader:", "SECRET99", "T0K3N", ":6379", "10.0.0.5", ":9200", "internal.example", "Connection refused", "No route" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }
        var sources = System.Text.Json.JsonDocument.Parse(body).RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("id").GetInt64());
        Assert.Equal("https://members.example/rss?edition=uk&api_key=hidden&Token=hidden", sources[secret].GetProperty("url").GetString());
        Assert.Equal("the feed could not be fetched", sources[secret].GetProperty("last_error").GetString());
        Assert.Equal("the feed could not be fetched", sources[refused].GetProperty("last_error").GetString());
        Assert.Equal("HTTP 404", sources[missing].GetProperty("last_error").GetString());
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/feed.atom")]
    [InlineData("/feed.json")]
    [InlineData("/api/stories")]
    public async Task A_forged_host_header_never_reaches_an_absolute_link(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        var id = await site.AddStoryAsync("Ceasefire agreed", 7.2);

        foreach (var host in new[] { "evil.example", "evil.example:443", "127.0.0.1.evil.example" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = host;
            using var response = await site.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("evil", body, StringComparison.Ordinal);
            Assert.Contains($"{site.BaseUri.GetLeftPart(UriPartial.Authority)}/story/{id}", body.Replace("\\/", "/", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Absolute_links_come_from_the_base_url_or_an_allowed_host()
    {
        await using var configured = await SiteFixture.CreateAsync(o => o.BaseUrl = "https://news.example.org/");
        await using var allowed = await SiteFixture.CreateAsync(o => o.AllowedHosts = ["news.example.net", "mirror.example.net:8443"]);
        var a = await configured.AddStoryAsync("Ceasefire agreed", 7.2);
        var b = await allowed.AddStoryAsync("Ceasefire agreed", 7.2);

        async Task<(string Body, HttpResponseMessage Response)> Get(SiteFixture site, string host)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
            request.Headers.Host = host;
            var response = await site.Client.SendAsync(request);
            return (await response.Content.ReadAsStringAsync(), response);
        }

        Assert.Contains($"https://news.example.org/story/{a}", (await Get(configured, "evil.example")).Body, StringComparison.Ordinal);
        var (viaAllowed, response) = await Get(allowed, "news.example.net");
        Assert.Contains($"http://news.example.net/story/{b}", viaAllowed, StringComparison.Ordinal);
        Assert.Contains("Host", response.Headers.Vary);
        Assert.Contains($"http://mirror.example.net:8443/story/{b}", (await Get(allowed, "mirror.example.net:8443")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", (await Get(allowed, "evil.example")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("mirror.example.net:9999", (await Get(allowed, "mirror.example.net:9999")).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.1:5080;http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://192.0.2.10:5080", false)]
    [InlineData("http://news.example.org:80", false)]
    public void A_site_that_listens_beyond_this_machine_needs_a_base_url(string urls, bool loopbackOnly)
    {
        Assert.Equal(loopbackOnly, SiteAddress.LoopbackOnly(urls.Split(';')));
    }

    [Fact]
    public void A_base_url_with_credentials_or_a_query_and_a_host_that_is_not_a_name_are_refused()
    {
        Assert.Contains("Site:BaseUrl", Assert.Throws<SalientException>(() => new SiteOptions { BaseUrl = "https://u:p@news.example.org" }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("Site:BaseUrl", Assert.Throws<SalientException>(() => new SiteOptions { BaseUrl = "https://news.example.org/?x=1" }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("Site:AllowedHosts", Assert.Throws<SalientException>(() => new SiteOptions { AllowedHosts = ["evil.example/x"] }.Validate()).Message, StringComparison.Ordinal);
        new SiteOptions { BaseUrl = "https://news.example.org/", AllowedHosts = ["news.example.org", "[::1]:8080"] }.Validate();
    }
}
