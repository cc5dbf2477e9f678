using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

public sealed class FeedbackEndpointsTests
{
    private const string Token = "a long enough admin token";

    private static FormUrlEncodedContent Verdict(string verdict, string? csrf = null) =>
        new(csrf is null ? [new("verdict", verdict)] : [new("verdict", verdict), new("csrf", csrf)]);

    private static async Task<List<StoryFeedback>> StoredAsync(SiteFixture site) =>
        await ((FeedbackStore)site.Site.Services.GetService(typeof(FeedbackStore))!).AllAsync(CancellationToken.None);

    [Fact]
    public async Task With_feedback_open_a_reader_says_a_story_should_rank_higher_and_is_thanked_on_the_story_page()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.Feedback = true);
        var id = await site.AddStoryAsync("Parliament passes the budget", 4.0);
        var (_, page, _) = await site.GetAsync($"/story/{id}");
        Assert.Contains($"action=\"/story/{id}/feedback\"", page, StringComparison.Ordinal);
        Assert.Contains("Should rank higher", page, StringComparison.Ordinal);

        var response = await site.Client.PostAsync($"/story/{id}/feedback", Verdict("higher"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/story/{id}?feedback=thanks#feedback", response.Headers.Location!.OriginalString);
        var stored = Assert.Single(await StoredAsync(site));
        Assert.Equal(("higher", false, 4.0), (stored.Verdict, stored.ByAdmin, stored.ShownScore));
        Assert.Equal("Parliament passes the budget", stored.Title);
        Assert.Contains("your verdict is recorded", (await site.GetAsync($"/story/{id}?feedback=thanks")).Body, StringComparison.Ordinal);

        // The same reader changing their mind replaces their verdict rather than adding a second.
        await site.Client.PostAsync($"/story/{id}/feedback", Verdict("right"));
        Assert.Equal("right", Assert.Single(await StoredAsync(site)).Verdict);
    }

    [Fact]
    public async Task With_feedback_closed_readers_see_no_form_and_their_verdicts_are_refused()
    {
        await using var site = await SiteFixture.CreateAsync();
        var id = await site.AddStoryAsync("Parliament passes the budget", 4.0);
        var (_, page, _) = await site.GetAsync($"/story/{id}");
        Assert.DoesNotContain("/feedback", page, StringComparison.Ordinal);
        var response = await site.Client.PostAsync($"/story/{id}/feedback", Verdict("higher"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await StoredAsync(site));
    }

    [Theory]
    [InlineData("/story/1/feedback", "sideways", HttpStatusCode.BadRequest, "higher, lower or right")]
    [InlineData("/story/1/feedback", "", HttpStatusCode.BadRequest, "higher, lower or right")]
    [InlineData("/story/999999/feedback", "higher", HttpStatusCode.NotFound, "no story with that number")]
    [InlineData("/story/-1/feedback", "higher", HttpStatusCode.NotFound, "no story with that number")]
    [InlineData("/story/1%27%20OR%201=1/feedback", "higher", HttpStatusCode.NotFound, "no story with that number")]
    public async Task A_verdict_that_is_not_one_or_names_no_story_is_refused_and_stores_nothing(string path, string verdict, HttpStatusCode expected, string message)
    {
        await using var site = await SiteFixture.CreateAsync(o => o.Feedback = true);
        var id = await site.AddStoryAsync("Parliament passes the budget", 4.0);
        Assert.Equal(1, id);
        var response = await site.Client.PostAsync(path, Verdict(verdict));
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await StoredAsync(site));
    }

    [Fact]
    public async Task A_story_not_scored_yet_takes_no_verdict()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.Feedback = true);
        var id = await site.AddStoryAsync("Parliament passes the budget", score: null);
        var response = await site.Client.PostAsync($"/story/{id}/feedback", Verdict("higher"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(await StoredAsync(site));
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task A_verdict_posted_from_another_site_is_refused(string header, string value)
    {
        await using var site = await SiteFixture.CreateAsync(o => o.Feedback = true);
        var id = await site.AddStoryAsync("Parliament passes the budget", 4.0);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/story/{id}/feedback") { Content = Verdict("higher") };
        request.Headers.TryAddWithoutValidation(header, value);
        var response = await site.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await StoredAsync(site));

        using var own = new HttpRequestMessage(HttpMethod.Post, $"/story/{id}/feedback") { Content = Verdict("higher") };
        own.Headers.TryAddWithoutValidation("Origin", site.BaseUri.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.Redirect, (await site.Client.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task A_reader_sending_verdicts_without_pause_is_slowed_down()
    {
        // A clock that stands still: the eight verdicts fall in one minute however slowly the machine runs.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var site = await SiteFixture.CreateAsync(o => { o.Feedback = true; o.ApiRequestsPerMinute = 5; }, s => s.AddSingleton<TimeProvider>(clock));
        var id = await site.AddStoryAsync("Parliament passes the budget", 4.0);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await site.Client.PostAsync($"/story/{id}/feedback", Verdict(i % 2 == 0 ? "higher" : "lower"))).StatusCode);
        }
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task The_admin_rates_a_story_lists_all_feedback_and_exports_it_as_labels()
    {
        await using var site = await SiteFixture.CreateAsync(o => { o.AdminToken = Token; o.Feedback = true; });
        var low = await site.AddStoryAsync("Cyclone makes landfall <b>near</b> port", 3.1, outlets: ["Reuters", "AP"]);
        var high = await site.AddStoryAsync("Local bakery wins prize", 6.4);
        await site.Client.PostAsync($"/story/{high}/feedback", Verdict("lower"));

        // The story page links the admin to the form; the form needs the admin.
        Assert.Contains($"href=\"/admin/feedback/{low}\"", (await site.GetAsync($"/story/{low}")).Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await site.GetAsync($"/admin/feedback/{low}")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await site.Client.PostAsync($"/admin/feedback/{low}", Verdict("higher"))).StatusCode);
        Assert.Single(await StoredAsync(site));

        using var post = new HttpRequestMessage(HttpMethod.Post, $"/admin/feedback/{low}") { Content = Verdict("higher") };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var done = await site.Client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        using var list = new HttpRequestMessage(HttpMethod.Get, "/admin/feedback");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var listed = await (await site.Client.SendAsync(list)).Content.ReadAsStringAsync();
        Assert.Contains("1 said higher, 1 lower, 0 about right", listed, StringComparison.Ordinal);
        Assert.Contains("Cyclone makes landfall &lt;b&gt;near&lt;/b&gt; port", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>near</b>", listed, StringComparison.Ordinal);

        using var export = new HttpRequestMessage(HttpMethod.Get, "/admin/feedback.jsonl");
        export.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var lines = (await (await site.Client.SendAsync(export)).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var admin = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("by").GetString() == "admin");
        Assert.Equal($"feedback-{low}", admin.GetProperty("id").GetString());
        Assert.Equal("higher", admin.GetProperty("verdict").GetString());
        Assert.Equal(3.1, admin.GetProperty("shown").GetDouble(), 3);
        Assert.Equal(["AP", "Reuters"], admin.GetProperty("outlets").EnumerateArray().Select(x => x.GetString()!).ToArray());

        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/admin/feedback.jsonl");
        Assert.Equal(HttpStatusCode.Redirect, (await site.Client.SendAsync(anonymous)).StatusCode);
    }
}
