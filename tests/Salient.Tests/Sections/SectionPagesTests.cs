using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Salient.Sections;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Sections;

/// <summary>The section pages, filters and links over HTTP, against the real site on 127.0.0.1 with a real SQLite store.</summary>
public sealed class SectionPagesTests
{
    private static async Task<long> Story(SiteFixture site, string title, double score, string desk, params string[] countries)
    {
        var id = await site.AddStoryAsync(title, score);
        await site.App.Get<SectionStore>().SaveAsync(id, new StorySections([new TopicScore(desk, 0.9)], countries), CancellationToken.None);
        return id;
    }

    [Fact]
    public async Task A_topic_page_lists_the_stories_of_its_desk_by_significance_and_no_others()
    {
        await using var site = await SiteFixture.CreateAsync();
        await Story(site, "Telescope finds water on a distant planet", 6.5, "science", "US");
        await Story(site, "New vaccine trial results published", 7.5, "science", "GB");
        await Story(site, "Parliament passes the budget", 8.0, "politics", "GB");

        var (status, body, _) = await site.GetAsync("/topic/science");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Science</h1>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Parliament passes the budget", body, StringComparison.Ordinal);
        Assert.True(body.IndexOf("New vaccine trial", StringComparison.Ordinal) < body.IndexOf("Telescope finds water", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_region_page_lists_the_stories_about_any_of_its_countries_and_combines_with_a_topic()
    {
        await using var site = await SiteFixture.CreateAsync();
        await Story(site, "French strikes close the railways", 6.0, "business", "FR");
        await Story(site, "German coalition agrees on the budget", 6.2, "politics", "DE");
        await Story(site, "Brazil election goes to a second round", 7.0, "politics", "BR");

        var (_, europe, _) = await site.GetAsync("/region/europe");
        var (_, politicsInEurope, _) = await site.GetAsync("/region/europe?topic=politics");
        var (_, front, _) = await site.GetAsync("/?region=south-america");

        Assert.Contains("French strikes", europe, StringComparison.Ordinal);
        Assert.Contains("German coalition", europe, StringComparison.Ordinal);
        Assert.DoesNotContain("Brazil election", europe, StringComparison.Ordinal);
        Assert.Contains("German coalition", politicsInEurope, StringComparison.Ordinal);
        Assert.DoesNotContain("French strikes", politicsInEurope, StringComparison.Ordinal);
        Assert.Contains("Brazil election", front, StringComparison.Ordinal);
        Assert.DoesNotContain("German coalition", front, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_quiet_day_a_section_still_shows_its_own_top_stories_apart_with_their_global_score()
    {
        await using var site = await SiteFixture.CreateAsync();
        await Story(site, "Local football club wins the cup", 2.4, "sports", "GB");
        await Story(site, "Marathon record falls in Berlin", 3.1, "sports", "DE");

        var (_, body, _) = await site.GetAsync("/topic/sports");
        var (_, front, _) = await site.GetAsync("/");

        Assert.Contains("Top of this section, below 5.5", body, StringComparison.Ordinal);
        Assert.Contains("Marathon record falls", body, StringComparison.Ordinal);
        Assert.Contains(">3.1<", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Marathon record falls", front, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sections_own_threshold_and_a_region_of_ones_own_come_from_configuration()
    {
        var options = new SectionsOptions { MinStories = 0 };
        options.Thresholds["sports"] = 2.0;
        options.Regions["nordics"] = new RegionSetting { Name = "Nordics", Countries = ["SE", "NO", "DK", "FI", "IS"] };
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton(options));
        await Story(site, "Local football club wins the cup", 2.4, "sports", "GB");
        await Story(site, "Norway and Sweden agree on a power line", 4.0, "business", "NO", "SE");

        var (_, sports, _) = await site.GetAsync("/topic/sports");
        var (_, nordics, _) = await site.GetAsync("/region/nordics?min_score=0");
        var (_, index, _) = await site.GetAsync("/sections");

        Assert.Contains("Local football club", sports, StringComparison.Ordinal);
        Assert.DoesNotContain("Top of this section", sports, StringComparison.Ordinal);
        Assert.Contains("<h1>Nordics</h1>", nordics, StringComparison.Ordinal);
        Assert.Contains("Norway and Sweden", nordics, StringComparison.Ordinal);
        Assert.Contains("href=\"/region/nordics\"", index, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/topic/gossip")]
    [InlineData("/topic/SCIENCE%3Cscript%3E")]
    [InlineData("/topic/%2e%2e%2fetc%2fpasswd")]
    [InlineData("/region/atlantis")]
    [InlineData("/region/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")]
    [InlineData("/region/europe'%20OR%201=1--")]
    [InlineData("/?topic=%00")]
    [InlineData("/?region=zz")]
    [InlineData("/search?topic=gossip")]
    [InlineData("/feed.xml?region=mars")]
    [InlineData("/api/stories?topic=%F0%9F%92%A9")]
    [InlineData("/api/stories?region=..%2F..")]
    public async Task Unknown_and_hostile_section_names_are_404_never_500_and_never_echoed_as_markup(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        await Story(site, "Parliament passes the budget", 8.0, "politics", "GB");

        var (status, body, _) = await site.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", body, StringComparison.Ordinal);
        var (longStatus, _, _) = await site.GetAsync("/region/" + new string('x', 5000));
        Assert.Equal(HttpStatusCode.NotFound, longStatus);
    }

    [Fact]
    public async Task Feeds_and_the_API_filter_by_topic_and_region_and_a_topic_that_is_no_desk_is_still_a_word_search()
    {
        await using var site = await SiteFixture.CreateAsync();
        await Story(site, "Rocket launch delayed by weather", 7.0, "science", "US");
        await Story(site, "Parliament passes the budget", 8.0, "politics", "GB");

        var (_, rss, _) = await site.GetAsync("/feed.xml?topic=science");
        var (_, atom, _) = await site.GetAsync("/feed.atom?region=gb");
        var (_, words, _) = await site.GetAsync("/feed.json?topic=budget");
        var api = await site.JsonAsync("/api/stories?topic=politics&region=europe");

        Assert.Contains("Rocket launch", rss, StringComparison.Ordinal);
        Assert.DoesNotContain("Parliament passes", rss, StringComparison.Ordinal);
        Assert.Contains("Parliament passes", atom, StringComparison.Ordinal);
        Assert.DoesNotContain("Rocket launch", atom, StringComparison.Ordinal);
        Assert.Contains("Parliament passes", words, StringComparison.Ordinal);
        Assert.Equal(["Parliament passes the budget"], api.EnumerateArray().Select(s => s.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task The_story_page_names_its_topics_and_countries_as_links_to_their_sections_and_every_page_links_to_sections()
    {
        await using var site = await SiteFixture.CreateAsync();
        var id = await site.AddStoryAsync("Ceasefire talks resume in Doha", 7.2);
        await site.App.Get<SectionStore>().SaveAsync(id, new StorySections([new TopicScore("conflict", 0.8), new TopicScore("politics", 0.3)], ["UA", "RU"]), CancellationToken.None);

        var (_, body, _) = await site.GetAsync($"/story/{id}");

        Assert.Contains("<a href=\"/topic/conflict\" rel=\"tag\">Conflict</a>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/topic/politics\" rel=\"tag\">Politics</a>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/region/ua\" rel=\"tag\">Ukraine</a>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/region/ru\" rel=\"tag\">Russia</a>", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/sections\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_gives_each_story_its_topics_with_confidence_its_countries_most_central_first_and_their_regions()
    {
        await using var site = await SiteFixture.CreateAsync();
        var id = await site.AddStoryAsync("Ceasefire talks resume", 7.2);
        await site.App.Get<SectionStore>().SaveAsync(id, new StorySections([new TopicScore("conflict", 0.81234), new TopicScore("politics", 0.3)], ["UA", "RU"]), CancellationToken.None);
        var unscored = await site.AddStoryAsync("Storm warning for the coast", 4.0);

        var one = (await site.JsonAsync($"/api/stories/{id}")).GetProperty("story");
        var list = (await site.JsonAsync("/api/stories")).EnumerateArray().ToDictionary(s => s.GetProperty("id").GetInt64());

        foreach (var story in new[] { one, list[id] })
        {
            Assert.Equal(["conflict", "politics"], story.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("slug").GetString()));
            Assert.Equal(0.812, story.GetProperty("topics")[0].GetProperty("confidence").GetDouble());
            Assert.Equal(["UA", "RU"], story.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
            var regions = story.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ToList();
            Assert.Equal("europe", regions[0]);
            Assert.Contains("eastern-europe", regions);
            Assert.DoesNotContain("ua", regions);
            Assert.Equal(["GB"], story.GetProperty("outlet_countries").EnumerateArray().Select(c => c.GetString()));
        }
        Assert.Equal(0, list[unscored].GetProperty("topics").GetArrayLength());
        Assert.Equal(0, list[unscored].GetProperty("countries").GetArrayLength());
        Assert.Equal(0, list[unscored].GetProperty("regions").GetArrayLength());
    }

    [Fact]
    public async Task Search_keeps_its_section_and_finds_only_its_stories()
    {
        await using var site = await SiteFixture.CreateAsync();
        await Story(site, "Budget vote in the Senate", 6.0, "politics", "US");
        await Story(site, "Budget airline cuts routes", 6.0, "business", "GB");

        var (_, body, _) = await site.GetAsync("/search?q=budget&topic=business");

        Assert.Contains("Budget airline", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Budget vote in the Senate", body, StringComparison.Ordinal);
        Assert.Contains("name=\"topic\" value=\"business\"", body, StringComparison.Ordinal);
    }
    /// <summary>A German and an English politics story about Germany, their articles marked with their language.</summary>
    private static async Task<(long German, long English)> TwoLanguages(SiteFixture site)
    {
        var german = await Story(site, "Bundestag beschließt den Haushalt", 7.0, "politics", "DE");
        await site.ExecuteAsync("UPDATE articles SET language = 'de' WHERE story_id = @id", ("id", german));
        var english = await Story(site, "German coalition agrees on the budget", 6.5, "politics", "DE");
        await site.ExecuteAsync("UPDATE articles SET language = 'en' WHERE story_id = @id", ("id", english));
        return (german, english);
    }

    [Theory]
    [InlineData("/topic/politics")]
    [InlineData("/region/de")]
    [InlineData("/region/europe?topic=politics")]
    [InlineData("/?topic=politics")]
    public async Task A_section_page_with_lang_lists_only_its_stories_in_that_language_and_its_links_keep_the_language(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        await TwoLanguages(site);
        var join = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";

        var (status, german, _) = await site.GetAsync(path + join + "lang=DE");
        var (_, all, _) = await site.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(WebUtility.HtmlEncode("Bundestag beschließt den Haushalt"), german, StringComparison.Ordinal);
        Assert.DoesNotContain("German coalition agrees", german, StringComparison.Ordinal);
        Assert.Contains("only stories in German", german, StringComparison.Ordinal);
        Assert.Contains("/feed.xml?lang=de&amp;", german, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("Bundestag beschließt den Haushalt"), all, StringComparison.Ordinal);
        Assert.Contains("German coalition agrees", all, StringComparison.Ordinal);
        // Unlabelled on the site's own language; the German story is labelled with its language where it is listed.
        Assert.Contains("<span class=\"language\">In German</span>", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_section_feed_followed_from_a_page_with_lang_holds_only_that_languages_stories()
    {
        await using var site = await SiteFixture.CreateAsync();
        await TwoLanguages(site);

        var (_, feed, _) = await site.GetAsync("/feed.xml?lang=de&topic=politics");

        Assert.Contains("Bundestag beschließt den Haushalt", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("German coalition agrees", feed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/topic/politics?lang=zz")]
    [InlineData("/region/de?lang=ja")]
    public async Task A_section_page_with_a_well_formed_language_no_story_has_is_an_empty_list_not_an_error(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        await TwoLanguages(site);

        var (status, body, _) = await site.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("Bundestag", body, StringComparison.Ordinal);
        Assert.DoesNotContain("German coalition", body, StringComparison.Ordinal);
        Assert.Contains("No story of this section in ", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/topic/politics?lang=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/region/de?lang=zzzzzzzz")]
    [InlineData("/region/europe?topic=politics&lang=d%22e")]
    [InlineData("/topic/politics?lang=1")]
    public async Task A_section_page_with_a_lang_that_is_no_two_letter_code_is_a_400_that_says_so_and_echoes_no_markup(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        await TwoLanguages(site);

        var (status, body, _) = await site.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("lang must be a two-letter ISO 639-1 language code", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Bundestag", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/topic/no-such-desk?lang=de")]
    [InlineData("/region/atlantis?lang=%3Cscript%3E")]
    [InlineData("/topic/%3Cscript%3E?lang=zzzzzzzz")]
    public async Task An_unknown_section_with_any_lang_is_404_never_500(string path)
    {
        await using var site = await SiteFixture.CreateAsync();

        var (status, body, _) = await site.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_section_page_links_to_the_latest_day_with_a_story_of_that_section_and_a_section_without_any_says_only_that_it_is_empty()
    {
        // The site's clock stands at noon on 10 March; the section's newest story is from 4 March, and a later story of
        // another section (8 March) and one in another language (6 March) must not be the day it points to.
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        async Task StoryAt(string title, string desk, DateTimeOffset at, string language = "en")
        {
            var id = await site.AddStoryAsync(title, 6.5, at: at);
            await site.App.Get<SectionStore>().SaveAsync(id, new StorySections([new TopicScore(desk, 0.9)], ["GB"]), CancellationToken.None);
            await site.ExecuteAsync("UPDATE articles SET language = @l WHERE story_id = @id", ("l", language), ("id", id));
        }
        await StoryAt("Telescope finds water on a distant planet", "science", new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero));
        await StoryAt("Forscher messen das Magnetfeld des Mondes", "science", new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero), "de");
        await StoryAt("Parliament passes the <b>budget</b>", "politics", new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.Zero));

        var (status, live, _) = await site.GetAsync("/topic/science?lang=en");
        var (_, pastDay, _) = await site.GetAsync("/topic/science?lang=en&date=2026-03-09");
        var (_, german, _) = await site.GetAsync("/topic/science?lang=de");
        var (_, never, _) = await site.GetAsync("/topic/sports");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("No story of this section in English in the last 24 hours yet. The latest day with one: <a href=\"/topic/science?lang=en&amp;date=2026-03-04\">Wednesday 4 March 2026</a>.", live, StringComparison.Ordinal);
        Assert.Contains("No story of this section in English on this day. The latest day with one: <a href=\"/topic/science?lang=en&amp;date=2026-03-04\">", pastDay, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/topic/science?lang=de&amp;date=2026-03-06\">Friday 6 March 2026</a>", german, StringComparison.Ordinal);
        Assert.Contains("No story of this section in the last 24 hours yet.</p>", never, StringComparison.Ordinal);
        Assert.DoesNotContain("The latest day with one", never, StringComparison.Ordinal);
        // The day it points to lists the story.
        var (dayStatus, day, _) = await site.GetAsync("/topic/science?lang=en&date=2026-03-04");
        Assert.Equal(HttpStatusCode.OK, dayStatus);
        Assert.Contains("Telescope finds water", day, StringComparison.Ordinal);
    }
}
