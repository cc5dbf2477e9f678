using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

public sealed class SitePagesTests
{
    private static readonly object SomeFactors = new { scale = 7.0, impact = 6.5, novelty = 5.0, potential = 6.0, legacy = 4.5, positivity = 3.0, credibility = 8.0 };

    [Fact]
    public async Task Front_page_lists_stories_at_or_above_the_threshold_most_significant_first()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Parliament passes the climate law", 6.1);
        await site.AddStoryAsync("Ceasefire agreed after talks", 7.4);
        await site.AddStoryAsync("Local team wins the cup", 2.1);
        var (status, html, _) = await site.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        var ceasefire = html.IndexOf("Ceasefire agreed after talks", StringComparison.Ordinal);
        var climate = html.IndexOf("Parliament passes the climate law", StringComparison.Ordinal);
        Assert.True(ceasefire > 0 && climate > ceasefire, "the 7.4 story comes before the 6.1 story");
        Assert.DoesNotContain("Local team wins the cup", html, StringComparison.Ordinal);
        Assert.Contains("7.4</span>", html, StringComparison.Ordinal);
        Assert.Contains("Reuters, BBC News", html, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\b6 articles analysed"), html);
    }

    [Fact]
    public async Task A_front_page_card_shows_the_summary_in_whole_sentences_and_never_stops_mid_sentence()
    {
        await using var site = await SiteFixture.CreateAsync();
        const string first = "The House of Representatives passed the hate crimes bill on Tuesday by 364 votes to 62, sending it to the U.S. president, who is expected to sign it within days.";
        const string second = "Sen. Mazie Hirono, who wrote the bill with Rep. Grace Meng, said it would give the Justice Department the people and the money it needs to review reports of hate crimes.";
        const string third = "Reports of attacks on Asian Americans rose sharply during the coronavirus pandemic, according to advocacy groups that have tracked them since the first lockdowns began in March of last year.";
        await site.AddStoryAsync("House passes hate crimes bill", 7.0, summary: $"{first} {second} {third}");
        var (_, html, _) = await site.GetAsync("/");
        var card = Regex.Match(html, "<p class=\"summary\">(.*?)</p>").Groups[1].Value;
        Assert.Equal($"{first} {second}".Replace("'", "&#39;", StringComparison.Ordinal), card);
        Assert.DoesNotContain("\u2026", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Front_page_says_nothing_significant_when_no_story_reaches_the_threshold_and_points_to_the_latest_day_that_had_one()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Minor council vote", 3.0);
        var old = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
        await site.AddStoryAsync("Treaty signed in Geneva", 6.8, at: old);
        var (_, html, _) = await site.GetAsync("/");
        Assert.Contains("Nothing significant in the last 24 hours", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Minor council vote", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/?date=2026-03-04\"", html, StringComparison.Ordinal);
        var (_, day, _) = await site.GetAsync("/?date=2026-03-04");
        Assert.Contains("Treaty signed in Geneva", day, StringComparison.Ordinal);
        Assert.Contains("Wednesday 4 March 2026", day, StringComparison.Ordinal);
        Assert.Contains("href=\"/?date=2026-03-03\"", day, StringComparison.Ordinal);
        Assert.Contains("href=\"/?date=2026-03-05\"", day, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Front_page_says_it_is_still_reading_rather_than_nothing_significant_while_articles_of_the_day_are_not_yet_rated()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.FrontPageCacheSeconds = 0);
        await site.AddStoryAsync("Minor council vote", 3.0);
        var source = await site.AddSourceAsync("Wire");
        var waiting = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            waiting.Add(await site.AddArticleAsync(source, $"Fresh report {i}", DateTimeOffset.UtcNow.AddMinutes(-10 - i)));
        }
        await site.ExecuteAsync($"UPDATE articles SET stage = 10 WHERE id IN ({string.Join(',', waiting)})");
        var unscored = await site.AddStoryAsync("Earthquake reported offshore", null);

        var (_, html, _) = await site.GetAsync("/");
        Assert.Contains("Still reading: 5 articles from the last 24 hours are not yet grouped and rated.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing significant", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Earthquake reported offshore", html, StringComparison.Ordinal);

        // Everything rated and nothing reaches the threshold: now that is the truth.
        await site.ExecuteAsync($"UPDATE articles SET stage = 30, story_id = @s WHERE id IN ({string.Join(',', waiting)})", ("s", unscored));
        await site.ExecuteAsync("UPDATE stories SET score = 4.0 WHERE id = @s", ("s", unscored));
        (_, html, _) = await site.GetAsync("/");
        Assert.Contains("Nothing significant in the last 24 hours", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Still reading", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Front_page_of_a_store_that_has_read_nothing_yet_says_so_instead_of_nothing_significant()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (status, html, _) = await site.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("No articles from the last 24 hours have been read yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing significant", html, StringComparison.Ordinal);
        var (_, day, _) = await site.GetAsync("/?date=2026-03-04");
        Assert.Contains("No articles from this day have been read yet.", day, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_requests_get_the_headers_of_the_page_without_its_body()
    {
        await using var site = await SiteFixture.CreateAsync();
        var story = await site.AddStoryAsync("Parliament passes the climate law", 6.1);
        foreach (var path in new[] { "/", $"/story/{story}", "/search?q=climate", "/feed.xml", "/api/stories", "/api/openapi.json" })
        {
            using var get = await site.Client.GetAsync(path);
            using var head = await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {path}: {head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
        using var missing = await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/story/999999"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var post = await site.Client.PostAsync("/", new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task A_threshold_given_in_the_address_is_remembered_in_a_cookie()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Council budget approved", 4.2);
        var (_, first, response) = await site.GetAsync("/?min_score=4");
        Assert.Contains("Council budget approved", first, StringComparison.Ordinal);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("min_score=", StringComparison.Ordinal));
        Assert.Contains("min_score=4.0", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var (_, again, _) = await site.GetAsync("/", cookie: "min_score=4.0");
        Assert.Contains("Council budget approved", again, StringComparison.Ordinal);
        var (_, without, _) = await site.GetAsync("/");
        Assert.DoesNotContain("Council budget approved", without, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_front_page_is_kept_for_its_seconds_per_threshold_and_still_remembers_the_threshold()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.FrontPageCacheSeconds = 60);
        await site.AddStoryAsync("Parliament passes the climate law", 6.1);
        var (_, first, _) = await site.GetAsync("/");
        Assert.Contains("Parliament passes the climate law", first, StringComparison.Ordinal);
        await site.AddStoryAsync("Ceasefire agreed after talks", 7.4);
        var (_, kept, response) = await site.GetAsync("/");
        Assert.Equal(first, kept);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(kept), response.Content.Headers.ContentLength);
        var (_, other, withCookie) = await site.GetAsync("/?min_score=6");
        Assert.Contains("Ceasefire agreed after talks", other, StringComparison.Ordinal);
        Assert.Contains(withCookie.Headers.GetValues("Set-Cookie"), c => c.StartsWith("min_score=6.0", StringComparison.Ordinal));
        var (_, again, againCookie) = await site.GetAsync("/?min_score=6");
        Assert.Equal(other, again);
        Assert.Contains(againCookie.Headers.GetValues("Set-Cookie"), c => c.StartsWith("min_score=6.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_cache_a_new_story_is_on_the_very_next_front_page()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.FrontPageCacheSeconds = 0);
        await site.AddStoryAsync("Parliament passes the climate law", 6.1);
        await site.GetAsync("/");
        await site.AddStoryAsync("Ceasefire agreed after talks", 7.4);
        var (_, html, _) = await site.GetAsync("/");
        Assert.Contains("Ceasefire agreed after talks", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "abc")]
    [InlineData("/", "99")]
    [InlineData("/", "-3")]
    [InlineData("/", "NaN")]
    [InlineData("/", "1e400")]
    [InlineData("/topic/politics", "11")]
    [InlineData("/region/europe", "Infinity")]
    [InlineData("/region/europe", "%3Cb%3E7%3C%2Fb%3E")]
    [InlineData("/?topic=science", "5,5")]
    [InlineData("/feed.xml", "%3Cb%3Ehigh%3C%2Fb%3E")]
    [InlineData("/feed.atom", "-0.5")]
    [InlineData("/feed.json", "10.01")]
    [InlineData("/api/stories", "99")]
    [InlineData("/api/stories", "-3")]
    public async Task A_min_score_that_is_no_score_from_0_to_10_is_refused_by_name_on_every_page_feed_and_api_list_and_is_not_remembered(string path, string value)
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Council budget approved", 9.5);
        var join = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";

        var (status, body, response) = await site.GetAsync(path + join + "min_score=" + value);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("min_score", body, StringComparison.Ordinal);
        Assert.Contains("from 0 to 10", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Council budget approved", body, StringComparison.Ordinal);
        // Said as it was given, and never as markup: encoded in a page, plain text in a feed, a JSON string in the API.
        Assert.True(response.Content.Headers.ContentType?.MediaType != "text/html" || !body.Contains("<b>", StringComparison.Ordinal), body);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("min_score=", StringComparison.Ordinal)),
            "a refused threshold must not be remembered");
        // The edges of the scale and an empty value (a cleared form field) are scores, or no threshold at all.
        foreach (var good in new[] { "0", "10", "" })
        {
            var (goodStatus, _, _) = await site.GetAsync(path + join + "min_score=" + good);
            Assert.Equal(HttpStatusCode.OK, goodStatus);
        }
    }

    [Fact]
    public async Task Search_with_a_min_score_that_is_no_score_says_so_by_name_and_searches_without_it()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Glacier retreat measured", 2.5);

        var (status, body, _) = await site.GetAsync("/search?q=glacier&min_score=%3Cscript%3E");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("The min_score &#39;&lt;script&gt;&#39; is not a significance score: give a number from 0 to 10, such as 5.5. It was left out of this search.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.Contains("Glacier retreat measured", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_with_from_after_to_searches_the_days_between_them_and_says_it_turned_them_round()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Eruption near Grindavik", 5.0, at: new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));
        await site.AddStoryAsync("Eruption ends after three weeks", 5.0, at: new DateTimeOffset(2026, 2, 20, 9, 0, 0, TimeSpan.Zero));

        var (status, body, _) = await site.GetAsync("/search?q=eruption&from=2026-01-31&to=2026-01-01");
        var (_, inOrder, _) = await site.GetAsync("/search?q=eruption&from=2026-01-01&to=2026-01-31");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("From was after To: this search runs from 2026-01-01 to 2026-01-31.", body, StringComparison.Ordinal);
        Assert.Contains("Eruption near Grindavik", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Eruption ends", body, StringComparison.Ordinal);
        Assert.Contains("name=\"from\" value=\"2026-01-01\"", body, StringComparison.Ordinal);
        Assert.Contains("name=\"to\" value=\"2026-01-31\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("From was after To", inOrder, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?date=2026-13-40")]
    [InlineData("/?date=yesterday")]
    [InlineData("/?date=9999-12-31")]
    [InlineData("/?date=0001-01-01")]
    [InlineData("/?date=1969-12-31")]
    public async Task A_malformed_date_is_a_polite_bad_request(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        var (status, html, _) = await site.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("YYYY-MM-DD, from 1970-01-01 to 9999-12-30", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_and_last_days_of_the_calendar_are_pages_and_a_search_up_to_the_last_day_works()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Glacier retreat measured", 6.5);
        var (first, firstHtml, _) = await site.GetAsync("/?date=1970-01-01");
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.DoesNotContain("rel=\"prev\"", firstHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/?date=1970-01-02\"", firstHtml, StringComparison.Ordinal);
        var (last, _, _) = await site.GetAsync("/?date=9999-12-30");
        Assert.Equal(HttpStatusCode.OK, last);
        var (search, searchHtml, _) = await site.GetAsync("/search?q=glacier&from=0001-01-01&to=9999-12-31");
        Assert.Equal(HttpStatusCode.OK, search);
        Assert.Contains("Glacier retreat measured", searchHtml, StringComparison.Ordinal);
        Assert.Contains("From '0001-01-01' is not a day; give YYYY-MM-DD", searchHtml, StringComparison.Ordinal);
        Assert.Contains("To '9999-12-31' is not a day", searchHtml, StringComparison.Ordinal);
        var (_, hostile, _) = await site.GetAsync("/search?q=glacier&from=%3Cscript%3Ealert(1)%3C/script%3E");
        Assert.Contains("From '&lt;script&gt;alert(1)&lt;/script&gt;' is not a day", hostile, StringComparison.Ordinal);
        var (searchLast, lastHtml, _) = await site.GetAsync("/search?q=glacier&from=1970-01-01&to=9999-12-30");
        Assert.Equal(HttpStatusCode.OK, searchLast);
        Assert.Contains("Glacier retreat measured", lastHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a day", lastHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Story_page_shows_the_rank_the_factors_the_reason_every_article_and_sources_per_sentence()
    {
        // The site's day is the clock's, not the machine's: no test run near midnight sees these stories move to another day.
        var clock = new ManualClock();
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var today = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddMinutes(10);
        var id = await site.AddStoryAsync("Central bank raises rates", 6.5, at: today, summary: "The bank raised rates. Markets fell.", articles: 3,
            outlets: ["Reuters", "Le Monde", "NHK"], factors: SomeFactors, reason: "Broad effect on borrowers worldwide.",
            summarySources: ids => new object[] { new { text = "The bank raised rates.", article_ids = new[] { ids[0] } }, new { text = "Markets fell.", article_ids = new[] { ids[1], ids[2] } } });
        await site.AddStoryAsync("Football friendly ends in a draw", 2.0, at: today, articles: 5);
        await site.AddStoryAsync("Central bank rates decision welcomed by exporters", 5.9, at: today);
        var (status, html, _) = await site.GetAsync($"/story/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1 id=\"story-title\">Central bank raises rates</h1>", html, StringComparison.Ordinal);
        // 3 + 5 + 2 articles today; the 6.5 story is beaten by none: its 3 articles are the top 30%.
        Assert.Contains("With a significance score of 6.5, this news ranks in the top 30% of today's 10 analyzed articles.", html, StringComparison.Ordinal);
        foreach (var factor in new[] { "Scale", "Impact", "Novelty", "Potential", "Legacy", "Positivity", "Credibility" })
        {
            Assert.Contains($"<dt>{factor}</dt>", html, StringComparison.Ordinal);
        }
        Assert.Contains("class=\"w70\"", html, StringComparison.Ordinal);
        Assert.Contains("Broad effect on borrowers worldwide.", html, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"The bank raised rates\. <a class=""src"" href=""https://news\.example/a/\d+""[^>]*>\(Reuters\)</a>"), html);
        Assert.Matches(new Regex(@"Markets fell\. <a class=""src""[^>]*>\(Le Monde\)</a> <a class=""src""[^>]*>\(NHK\)</a>"), html);
        Assert.Contains("Central bank raises rates (NHK)", html, StringComparison.Ordinal);
        Assert.Contains("More on this topic", html, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"<span class=""score"">5\.9</span>Central bank rates decision welcomed by exporters</a> \(Reuters\)"), html);
    }

    [Fact]
    public async Task A_low_story_says_how_many_of_the_days_articles_score_higher_instead_of_a_top_share()
    {
        // The site's day is the clock's, not the machine's: no test run near midnight sees these stories move to another day.
        var clock = new ManualClock();
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var today = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddMinutes(10);
        await site.AddStoryAsync("Central bank raises rates", 6.5, at: today, articles: 3);
        var low = await site.AddStoryAsync("Local fair opens", 2.0, at: today, articles: 1);
        var (_, html, _) = await site.GetAsync($"/story/{low}");
        Assert.DoesNotContain("top 100%", html, StringComparison.Ordinal);
        Assert.Contains("With a significance score of 2.0, this news is not among the most significant: 3 of today's 4 analyzed articles (75%) belong to stories that score higher.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_only_story_of_its_day_says_no_other_news_scores_higher_rather_than_top_100_percent()
    {
        await using var site = await SiteFixture.CreateAsync();
        var day = new DateTimeOffset(2026, 2, 3, 9, 0, 0, TimeSpan.Zero);
        var only = await site.AddStoryAsync("Quiet day's one story", 3.5, at: day, articles: 4);
        var (_, html, _) = await site.GetAsync($"/story/{only}");
        Assert.DoesNotContain("top 100%", html, StringComparison.Ordinal);
        Assert.Contains("With a significance score of 3.5, no other news scores higher among that day's 4 analyzed articles (3 February 2026).", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_page_answers_304_to_a_reader_who_has_it_and_a_new_page_once_the_story_changes()
    {
        await using var site = await SiteFixture.CreateAsync();
        var id = await site.AddStoryAsync("Bridge reopens after repairs", 6.2, articles: 2);
        var (status, html, first) = await site.GetAsync($"/story/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());

        using var again = await Conditional(site, $"/story/{id}", etag.ToString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        // Validators a client made up, or mangled, get the page.
        foreach (var hostile in new[] { "W/\"0000\"", "\"" + new string('a', 5000) + "\"", "garbage, ,,W/", etag.Tag.Trim('"') })
        {
            using var other = await Conditional(site, $"/story/{id}", hostile);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal(html, await other.Content.ReadAsStringAsync());
        }

        await site.ExecuteAsync("UPDATE stories SET title = 'Bridge reopens to traffic', version = version + 1 WHERE id = @id", ("id", id));
        using var changed = await Conditional(site, $"/story/{id}", etag.ToString());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Bridge reopens to traffic", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task A_story_page_is_made_once_and_served_again_until_its_story_changes()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.StoryPageCacheSeconds = 3600);
        var id = await site.AddStoryAsync("Bridge reopens after repairs", 6.2, articles: 2);
        var (_, first, _) = await site.GetAsync($"/story/{id}");
        // An article added behind the store's back (no new version) does not show: the page is the one kept.
        var storyId = id;
        await site.AddArticleAsync(null, "Late report on the bridge", DateTimeOffset.UtcNow.AddHours(-1), storyId);
        var (_, kept, _) = await site.GetAsync($"/story/{id}");
        Assert.Equal(first, kept);
        // Grouping records the article with a new version: the page is made again.
        await site.ExecuteAsync("UPDATE stories SET version = version + 1, article_count = 3 WHERE id = @id", ("id", id));
        var (_, made, _) = await site.GetAsync($"/story/{id}");
        Assert.Contains("Late report on the bridge", made, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Conditional(SiteFixture site, string path, string ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await site.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_merged_story_redirects_to_the_story_it_joined_and_unknown_ids_are_not_found()
    {
        await using var site = await SiteFixture.CreateAsync();
        var survivor = await site.AddStoryAsync("Storm reaches the coast", 6.0);
        var merged = await site.AddStoryAsync("Storm nears coast", 5.0);
        var chained = await site.AddStoryAsync("Storm forms", 4.0);
        await site.ExecuteAsync("UPDATE stories SET status = 'merged', merged_into = @s WHERE id = @m", ("s", survivor), ("m", merged));
        await site.ExecuteAsync("UPDATE stories SET status = 'merged', merged_into = @s WHERE id = @m", ("s", merged), ("m", chained));
        var (status, _, response) = await site.GetAsync($"/story/{chained}");
        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal($"/story/{survivor}", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync("/story/999999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync("/story/javascript:alert(1)")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync("/story/%2F%2Fevil.example")).Status);
    }

    [Fact]
    public async Task Search_finds_words_and_phrases_in_stories_and_articles_and_filters_by_outlet_date_and_score()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Volcano erupts in Iceland", 6.2, outlets: ["RUV"]);
        await site.AddStoryAsync("Iceland votes on a new constitution", 4.0, outlets: ["Reuters"]);
        var old = new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
        await site.AddStoryAsync("Earlier eruption near Grindavik", 5.0, at: old, outlets: ["RUV"]);

        var (_, words, _) = await site.GetAsync("/search?q=iceland");
        Assert.Contains("Volcano erupts in Iceland", words, StringComparison.Ordinal);
        Assert.Contains("Iceland votes on a new constitution", words, StringComparison.Ordinal);

        var (_, phrase, _) = await site.GetAsync("/search?q=%22erupts+in+iceland%22");
        Assert.Contains("Volcano erupts in Iceland", phrase, StringComparison.Ordinal);
        Assert.DoesNotContain("constitution", phrase, StringComparison.Ordinal);

        var (_, stemmed, _) = await site.GetAsync("/search?q=eruption");
        Assert.Contains("Earlier eruption near Grindavik", stemmed, StringComparison.Ordinal);

        var (_, outlet, _) = await site.GetAsync("/search?q=iceland&outlet=Reuters");
        Assert.DoesNotContain("Volcano erupts", outlet, StringComparison.Ordinal);
        Assert.Contains("constitution", outlet, StringComparison.Ordinal);

        var (_, range, _) = await site.GetAsync("/search?outlet=RUV&from=2026-01-01&to=2026-01-31");
        Assert.Contains("Earlier eruption near Grindavik", range, StringComparison.Ordinal);
        Assert.DoesNotContain("Volcano erupts", range, StringComparison.Ordinal);

        var (_, scored, _) = await site.GetAsync("/search?q=iceland&min_score=5");
        Assert.Contains("Volcano erupts", scored, StringComparison.Ordinal);
        Assert.DoesNotContain("constitution", scored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("AND OR NOT")]
    [InlineData("title:* NEAR(")]
    [InlineData("*")]
    [InlineData("''); DROP TABLE stories; --")]
    public async Task Search_survives_query_syntax_and_injection_attempts(string q)
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Ordinary story", 6.0);
        var (status, html, _) = await site.GetAsync("/search?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Search</h1>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/")).Status);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/search?q=x")]
    [InlineData("/story/1")]
    [InlineData("/api/stories")]
    [InlineData("/feed.xml")]
    public async Task Every_answer_carries_a_content_security_policy_that_forbids_inline_script(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Story", 6.0);
        var (_, _, response) = await site.GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Pages_have_landmarks_a_skip_link_and_labelled_controls()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.AddStoryAsync("Story", 6.0);
        var (_, html, _) = await site.GetAsync("/");
        Assert.Contains("<a class=\"skip\" href=\"#main\">", html, StringComparison.Ordinal);
        Assert.Contains("<header class=\"site\">", html, StringComparison.Ordinal);
        Assert.Contains("<nav aria-label=\"Site\">", html, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\"", html, StringComparison.Ordinal);
        Assert.Contains("<footer class=\"site\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"min_score\">", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
    }
}
