using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

public sealed class AdminEndpointsTests
{
    private const string Token = "correct horse battery staple";

    [Theory]
    [InlineData("GET", "/admin")]
    [InlineData("GET", "/admin/login")]
    [InlineData("POST", "/admin/login")]
    [InlineData("POST", "/admin/rescore")]
    [InlineData("POST", "/admin/sources")]
    public async Task The_admin_is_closed_when_no_token_is_configured(string method, string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "");
        var response = await site.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Site:AdminToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_token_the_admin_sends_you_to_log_in_and_a_wrong_token_is_refused()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        var (status, _, response) = await site.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/admin/login", response.Headers.Location!.OriginalString);
        var wrong = await site.Client.PostAsync("/admin/login", new FormUrlEncodedContent([new("token", "guess")]));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/rescore");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        Assert.Equal(HttpStatusCode.Redirect, (await site.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_form_that_cannot_be_read_is_a_bad_request_for_the_login_and_for_an_action()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        using var login = new StringContent("token=%ZZ%00", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        var refused = await site.Client.PostAsync("/admin/login", login);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The form could not be read", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(refused.Headers.Contains("Set-Cookie"));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/rescore")
        {
            Content = new StringContent("csrf=%00", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var action = await site.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, action.StatusCode);
        Assert.Contains("The form could not be read", await action.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_in_opens_the_dashboard_and_forms_need_their_csrf_field()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        await site.AddStoryAsync("Story", 6.0);
        var login = await site.Client.PostAsync("/admin/login", new FormUrlEncodedContent([new("token", Token)]));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var session = cookie.Split(';')[0];
        var (status, html, _) = await site.GetAsync("/admin", session);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Stories waiting for a score", html, StringComparison.Ordinal);
        Assert.Contains("Reuters", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, html, StringComparison.Ordinal);

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/admin/rescore") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Cookie", session);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Client.SendAsync(forged)).StatusCode);

        var csrf = System.Text.RegularExpressions.Regex.Match(html, "name=\"csrf\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        using var real = new HttpRequestMessage(HttpMethod.Post, "/admin/rescore") { Content = new FormUrlEncodedContent([new("csrf", csrf)]) };
        real.Headers.Add("Cookie", session);
        var done = await site.Client.SendAsync(real);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.StartsWith("/admin?done=", done.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var scored = await site.JsonAsync("/api/stats");
        Assert.Equal(1, scored.GetProperty("scored_stories").GetInt64()); // the score stays shown until the scorer rates it again
    }

    [Fact]
    public async Task Sources_are_added_imported_from_opml_and_removed_with_a_bearer_token()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        async Task<HttpResponseMessage> Post(string path, HttpContent content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            return await site.Client.SendAsync(request);
        }
        var added = await Post("/admin/sources", new FormUrlEncodedContent([new("url", "https://feeds.example/world.xml"), new("name", "Example World"), new("country", "fr")]));
        Assert.Contains("Source%20added", added.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var refused = await Post("/admin/sources", new FormUrlEncodedContent([new("url", "javascript:alert(1)")]));
        Assert.Contains("Not%20done", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);

        const string opml = """
            <?xml version="1.0"?><opml version="2.0"><body>
              <outline text="Science"><outline text="Lab News" type="rss" xmlUrl="https://lab.example/rss"/></outline>
              <outline text="Again" xmlUrl="https://feeds.example/world.xml"/>
              <outline text="Bad" xmlUrl="file:///etc/passwd"/>
            </body></opml>
            """;
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(opml)), "opml", "feeds.opml" } };
        var imported = await Post("/admin/sources/import", form);
        Assert.Contains(Uri.EscapeDataString("Imported: 1 new sources, 1 already known."), imported.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var sources = await site.JsonAsync("/api/sources");
        Assert.Equal(["Example World", "Lab News"], sources.EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        var id = sources.EnumerateArray().First(s => s.GetProperty("name").GetString() == "Lab News").GetProperty("id").GetInt64();
        await Post($"/admin/sources/{id}/remove", new FormUrlEncodedContent([]));
        Assert.Equal(1, (await site.JsonAsync("/api/sources")).GetArrayLength());
    }

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("-1", "-1")]
    [InlineData("0", "0")]
    [InlineData("99999999999999999999", "99999999999999999999")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e3", "1e3")]
    [InlineData("%2B1", "+1")]
    [InlineData("%3Cscript%3Ex", "&lt;script&gt;x")]
    public async Task Removing_a_source_by_an_id_that_is_no_number_is_refused_by_name_and_removes_nothing(string path, string shown)
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        await site.AddSourceAsync("Kept Outlet");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/sources/{path}/remove") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var response = await site.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"The source id '{shown}' is not a source's number: give a whole number from 1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x", body, StringComparison.Ordinal);
        Assert.Equal(1, (await site.JsonAsync("/api/sources")).GetArrayLength());
    }

    [Fact]
    public async Task Removing_a_source_by_an_id_that_is_no_number_without_the_token_still_asks_for_the_login()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        using var response = await site.Client.PostAsync("/admin/sources/abc/remove", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_opml_file_with_a_doctype_is_refused_rather_than_expanded()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        const string bomb = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><opml><body><outline xmlUrl="https://a.example/&lol;"/></body></opml>""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/sources/import")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(bomb)), "opml", "x.opml" } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var response = await site.Client.SendAsync(request);
        Assert.Contains("Not%20done", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, (await site.JsonAsync("/api/sources")).GetArrayLength());
    }

    [Fact]
    public async Task The_admin_warns_about_a_source_whose_feed_is_on_an_internal_address()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        await site.ExecuteAsync("INSERT INTO sources (url, name, created_at) VALUES ('http://127.0.0.1:8080/feed.xml', 'Intranet', 0), ('https://news.example/feed.xml', 'Outside', 0)");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var page = await (await site.Client.SendAsync(request)).Content.ReadAsStringAsync();
        var warning = "internal address: pages its items link to";
        Assert.Equal(1, page.Split(warning).Length - 1);
        var url = page.IndexOf("http://127.0.0.1:8080/feed.xml", StringComparison.Ordinal);
        var at = page.IndexOf(warning, StringComparison.Ordinal);
        Assert.InRange(at - url, 1, 200);
        Assert.DoesNotContain("news.example", page[url..at], StringComparison.Ordinal);
    }
}
