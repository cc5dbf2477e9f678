using System.Net;
using System.Text.Json;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

public sealed class ApiEndpointsTests
{
    [Fact]
    public async Task Stories_a_story_and_articles_answer_304_to_a_client_that_has_them_and_the_new_body_after_a_change()
    {
        await using var site = await SiteFixture.CreateAsync();
        var id = await site.AddStoryAsync("Harbour strike ends", 6.4, articles: 2);
        foreach (var path in new[] { "/api/stories", $"/api/stories/{id}", $"/api/articles?story={id}" })
        {
            var (status, body, first) = await site.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            Assert.NotNull(first.Content.Headers.LastModified);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(etag);
            using var again = await site.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
            using var hostile = new HttpRequestMessage(HttpMethod.Get, path);
            hostile.Headers.TryAddWithoutValidation("If-None-Match", "W/\"" + new string('x', 3000));
            using var full = await site.Client.SendAsync(hostile);
            Assert.Equal(HttpStatusCode.OK, full.StatusCode);
            Assert.Equal(body, await full.Content.ReadAsStringAsync());
        }
        var (_, _, before) = await site.GetAsync($"/api/stories/{id}");
        await site.ExecuteAsync("UPDATE stories SET score = 7.5, version = version + 1 WHERE id = @id", ("id", id));
        using var changed = new HttpRequestMessage(HttpMethod.Get, $"/api/stories/{id}");
        changed.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var after = await site.Client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(7.5, JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("story").GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task The_percentile_of_a_story_is_its_share_of_the_day_that_scores_lower_in_the_list_and_alone()
    {
        await using var site = await SiteFixture.CreateAsync();
        var day = new DateTimeOffset(2026, 1, 12, 8, 0, 0, TimeSpan.Zero);
        var high = await site.AddStoryAsync("Treaty signed", 8.0, at: day, articles: 1);
        var mid = await site.AddStoryAsync("Budget passed", 5.0, at: day, articles: 2);
        await site.AddStoryAsync("Match drawn", 2.0, at: day, articles: 2);
        var list = (await site.JsonAsync("/api/stories?date=2026-01-12")).EnumerateArray().ToDictionary(s => s.GetProperty("id").GetInt64());
        Assert.Equal(80.0, list[high].GetProperty("percentile").GetDouble());
        Assert.Equal(40.0, list[mid].GetProperty("percentile").GetDouble());
        var one = await site.JsonAsync($"/api/stories/{mid}");
        Assert.Equal(40.0, one.GetProperty("story").GetProperty("percentile").GetDouble());
        Assert.Equal(60, one.GetProperty("rank").GetProperty("top_percent").GetInt32());
        Assert.Equal(5, one.GetProperty("rank").GetProperty("analysed").GetInt32());
    }

    [Fact]
    public async Task Stories_with_min_score_0_lists_every_live_story_newest_first_past_a_hundred()
    {
        await using var site = await SiteFixture.CreateAsync();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 150; i++)
        {
            await site.AddStoryAsync($"Story number {i}", i % 3 == 0 ? null : i % 10, at: now.AddDays(-120).AddHours(i * 12), articles: 1);
        }
        var stories = await site.JsonAsync("/api/stories?min_score=0");
        Assert.Equal(150, stories.GetArrayLength());
        Assert.Equal("Story number 149", stories[0].GetProperty("title").GetString());
        var first = stories[0];
        foreach (var field in new[] { "id", "title", "summary", "score", "factors", "percentile", "article_count", "outlet_count", "url" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"a story has '{field}'");
        }
        Assert.EndsWith($"/story/{first.GetProperty("id").GetInt64()}", first.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(20, (await site.JsonAsync("/api/stories?min_score=0&limit=20")).GetArrayLength());
        Assert.All((await site.JsonAsync("/api/stories?min_score=8")).EnumerateArray(), s => Assert.True(s.GetProperty("score").GetDouble() >= 8));
    }

    [Fact]
    public async Task Stories_filter_by_date_since_outlet_and_words()
    {
        await using var site = await SiteFixture.CreateAsync();
        var day = new DateTimeOffset(2026, 2, 3, 10, 0, 0, TimeSpan.Zero);
        await site.AddStoryAsync("Glacier retreat measured", 6.0, at: day, outlets: ["Nature"]);
        await site.AddStoryAsync("Bond yields climb", 5.0, at: day.AddDays(1), outlets: ["Financial Times"]);
        Assert.Equal("Glacier retreat measured", (await site.JsonAsync("/api/stories?date=2026-02-03"))[0].GetProperty("title").GetString());
        Assert.Equal(1, (await site.JsonAsync("/api/stories?date=2026-02-03")).GetArrayLength());
        Assert.Equal("Bond yields climb", Assert.Single((await site.JsonAsync("/api/stories?outlet=financial%20times")).EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal("Glacier retreat measured", Assert.Single((await site.JsonAsync("/api/stories?q=glacier")).EnumerateArray()).GetProperty("title").GetString());
        await site.ExecuteAsync("UPDATE stories SET last_updated = 0");
        var fresh = day.AddDays(7);
        var later = await site.AddStoryAsync("Fresh story", 5.0, at: fresh);
        var since = Uri.EscapeDataString(fresh.AddMinutes(-1).ToString("O"));
        await site.ExecuteAsync("UPDATE stories SET last_updated = @t WHERE id = @id", ("t", fresh.ToUnixTimeMilliseconds()), ("id", later));
        Assert.Equal("Fresh story", Assert.Single((await site.JsonAsync($"/api/stories?since={since}")).EnumerateArray()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/stories?min_score=high")]
    [InlineData("/api/stories?date=03-02-2026")]
    [InlineData("/api/stories?since=soon")]
    [InlineData("/api/stories?limit=0")]
    [InlineData("/api/stories?limit=lots")]
    [InlineData("/api/articles?story=x")]
    [InlineData("/api/stories?date=9999-12-31")]
    [InlineData("/api/articles?date=9999-12-31")]
    [InlineData("/api/stories?date=0001-01-01")]
    public async Task Unusable_filters_are_answered_with_400_problem_details(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        var (status, body, response) = await site.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("detail", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/stories?limit=4")]
    [InlineData("/api/stories?limit=1000")]
    [InlineData("/api/articles?limit=4")]
    [InlineData("/api/stories?limit=99999999999999999999")]
    public async Task A_limit_above_the_maximum_is_refused_on_every_list_naming_limit_and_the_maximum(string path)
    {
        await using var site = await SiteFixture.CreateAsync(o => o.ApiMaxLimit = 3);
        for (var i = 0; i < 5; i++)
        {
            await site.AddStoryAsync($"S{i}", 6, articles: 1);
        }
        var (status, body, response) = await site.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("limit must be a whole number from 1 to 3 (the maximum); for more, ask for the next page with page", body, StringComparison.Ordinal);
        Assert.Equal(3, (await site.JsonAsync(path.Split('?')[0] + "?limit=3")).GetArrayLength());
    }

    [Theory]
    [InlineData("/api/stories?page=0")]
    [InlineData("/api/stories?page=-1")]
    [InlineData("/api/stories?page=1e9")]
    [InlineData("/api/stories?page=abc")]
    [InlineData("/api/stories?page=1001")]
    [InlineData("/api/stories?page=99999999999999999999")]
    [InlineData("/api/articles?page=%3Cscript%3E")]
    [InlineData("/api/stories?sort=drop%20table")]
    public async Task A_page_or_order_that_is_none_is_refused_by_name(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        var (status, body, response) = await site.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(path.Contains("sort=", StringComparison.Ordinal) ? "sort=score (most significant first) or sort=date" : "give a whole number from 1 to 1000", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_page_through_every_result_once_following_the_link_header_in_both_orders()
    {
        await using var site = await SiteFixture.CreateAsync();
        var first = new DateTimeOffset(2026, 2, 2, 6, 0, 0, TimeSpan.Zero);
        var made = new List<(long Id, double Score, DateTimeOffset At)>();
        for (var i = 0; i < 130; i++)
        {
            var at = first.AddHours(i / 2 * 4);
            made.Add((await site.AddStoryAsync($"Harbour report {i:000}", 5.0 + i % 3, at: at, outlets: ["Wire"], articles: 1), 5.0 + i % 3, at));
        }
        var newest = made.OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Select(s => s.Id).ToList();
        var bySignificance = made.OrderByDescending(s => s.Score).ThenByDescending(s => s.Id).Select(s => s.Id).ToList();
        foreach (var (start, expected) in new[] { ("/api/stories?q=harbour&limit=50", newest), ("/api/stories?q=harbour&sort=score&limit=50", bySignificance) })
        {
            var (ids, sizes) = await WalkAsync(site, start, "id");
            Assert.Equal([50, 50, 30], sizes);
            Assert.Equal(expected, ids);
        }
        var (articles, articleSizes) = await WalkAsync(site, "/api/articles?q=harbour&limit=50", "id");
        Assert.Equal([50, 50, 30], articleSizes);
        Assert.Equal(130, articles.Distinct().Count());
        var (_, _, response) = await site.GetAsync("/api/stories?q=harbour&limit=50&page=3");
        var link = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.DoesNotContain("rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains($"<{site.BaseUri.ToString().TrimEnd('/')}/api/stories?q=harbour&limit=50&page=2>; rel=\"prev\"", link, StringComparison.Ordinal);
    }

    /// <summary>Follows the Link header's next page from <paramref name="start"/> to the end, returning every item's <paramref name="key"/> and each page's size.</summary>
    private static async Task<(List<long> Keys, List<int> Sizes)> WalkAsync(SiteFixture site, string start, string key)
    {
        var keys = new List<long>();
        var sizes = new List<int>();
        for (var path = start; path is not null;)
        {
            var (status, body, response) = await site.GetAsync(path);
            Assert.True(status == HttpStatusCode.OK, $"{path} answered {(int)status}: {body}");
            var items = System.Text.Json.JsonDocument.Parse(body).RootElement;
            sizes.Add(items.GetArrayLength());
            keys.AddRange(items.EnumerateArray().Select(x => x.GetProperty(key).GetInt64()));
            Assert.True(sizes.Count <= 5, "the pages end");
            path = response.Headers.TryGetValues("Link", out var links)
                && System.Text.RegularExpressions.Regex.Match(string.Join(", ", links), "<([^>]+)>; rel=\"next\"") is { Success: true } m
                ? m.Groups[1].Value
                : null;
        }
        return (keys, sizes);
    }

    [Fact]
    public async Task One_story_has_its_rank_articles_and_related_and_a_merged_one_redirects()
    {
        await using var site = await SiteFixture.CreateAsync();
        // Midday, so that the story's three articles share one UTC day whenever the test runs.
        var noon = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
        var id = await site.AddStoryAsync("Rover lands on Mars", 7.0, at: noon, articles: 3);
        var merged = await site.AddStoryAsync("Rover landing", 6.0, at: noon);
        await site.ExecuteAsync("UPDATE stories SET status = 'merged', merged_into = @s WHERE id = @m", ("s", id), ("m", merged));
        var story = await site.JsonAsync($"/api/stories/{id}");
        Assert.Equal("Rover lands on Mars", story.GetProperty("story").GetProperty("title").GetString());
        Assert.Equal(3, story.GetProperty("articles").GetArrayLength());
        Assert.Equal(3, story.GetProperty("rank").GetProperty("analysed").GetInt64());
        var (status, _, response) = await site.GetAsync($"/api/stories/{merged}");
        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal($"/api/stories/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync("/api/stories/424242")).Status);
    }

    [Fact]
    public async Task Articles_sources_and_stats_answer_with_json()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Heatwave in Spain", 6.0, outlets: ["El País", "Reuters"]);
        var articles = await site.JsonAsync("/api/articles?q=heatwave");
        Assert.Equal(2, articles.GetArrayLength());
        Assert.Equal("Heatwave in Spain (El País)", articles.EnumerateArray().Select(a => a.GetProperty("title").GetString()).Order(StringComparer.Ordinal).First());
        var sources = await site.JsonAsync("/api/sources");
        Assert.Equal(2, sources.GetArrayLength());
        var stats = await site.JsonAsync("/api/stats");
        Assert.Equal(2, stats.GetProperty("articles").GetInt64());
        Assert.Equal(1, stats.GetProperty("stories").GetInt64());
        Assert.Equal(1, stats.GetProperty("significant_last_24h").GetInt64());
    }

    [Fact]
    public async Task The_openapi_description_names_every_endpoint()
    {
        await using var site = await SiteFixture.CreateAsync();
        var doc = await site.JsonAsync("/api/openapi.json");
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/stories", "/api/stories/{id}", "/api/threads/{id}", "/api/articles", "/api/sources", "/api/stats"], paths);
        var parameters = doc.GetProperty("paths").GetProperty("/api/stories").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["date", "since", "min_score", "outlet", "q", "topic", "region", "lang", "sort", "limit", "page"], parameters);
        var story = doc.GetProperty("components").GetProperty("schemas").GetProperty("Story");
        var required = story.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("null", story.GetProperty("properties").GetProperty("language").GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        foreach (var field in new[] { "topics", "countries", "regions" })
        {
            Assert.Contains(field, required);
            Assert.Equal("array", story.GetProperty("properties").GetProperty(field).GetProperty("type").GetString());
        }
        Assert.Equal(["slug", "confidence"], story.GetProperty("properties").GetProperty("topics").GetProperty("items").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Past_the_rate_limit_the_api_answers_429_with_retry_after()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.ApiRequestsPerMinute = 5);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/api/stats")).Status);
        }
        var (status, _, response) = await site.GetAsync("/api/stats");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/")).Status);
    }
}
