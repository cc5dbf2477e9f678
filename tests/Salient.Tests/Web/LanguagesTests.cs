using System.Net;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Web;

/// <summary>The language of articles and stories on the site: shown, labelled, grouped apart and filtered by <c>?lang=</c>, over HTTP with a real SQLite store.</summary>
public sealed class LanguagesTests
{
    /// <summary>A German story (two German articles, one English), an English one and one whose articles have no language.</summary>
    private static async Task<(long German, long English, long Unknown)> StoriesAsync(SiteFixture site)
    {
        var german = await site.AddStoryAsync("Bundestag beschließt den Haushalt", 7.0, articles: 3, outlets: ["Die Zeit", "FAZ", "Reuters"]);
        await site.ExecuteAsync("UPDATE articles SET language = 'de' WHERE story_id = @id", ("id", german));
        await site.ExecuteAsync("UPDATE articles SET language = 'en' WHERE id = (SELECT MAX(id) FROM articles WHERE story_id = @id)", ("id", german));
        var english = await site.AddStoryAsync("Parliament passes the budget", 6.0);
        await site.ExecuteAsync("UPDATE articles SET language = 'en' WHERE story_id = @id", ("id", english));
        var unknown = await site.AddStoryAsync("Harbour strike ends", 6.5);
        return (german, english, unknown);
    }

    [Fact]
    public void A_language_is_named_in_english_and_a_code_that_names_none_is_shown_as_it_is()
    {
        Assert.Equal("German", Languages.Name("de"));
        Assert.Equal("French", Languages.Name("FR"));
        Assert.Equal("an unknown language", Languages.Name("<b>"));
        Assert.Equal("an unknown language", Languages.Name(null));
    }

    [Fact]
    public void The_site_language_must_be_a_two_letter_code()
    {
        var e = Assert.Throws<SalientException>(() => new SiteOptions { Language = "english" }.Validate());
        Assert.Contains("Site:Language is 'english'", e.Message, StringComparison.Ordinal);
        var ok = new SiteOptions { Language = " DE " };
        ok.Validate();
        Assert.Equal("de", ok.Language);
    }

    [Fact]
    public async Task The_api_gives_each_story_the_language_of_most_of_its_articles_and_each_article_its_own_and_filters_by_lang()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, english, unknown) = await StoriesAsync(site);

        var all = (await site.JsonAsync("/api/stories")).EnumerateArray().ToDictionary(s => s.GetProperty("id").GetInt64());
        var onlyGerman = await site.JsonAsync("/api/stories?lang=DE");
        var none = await site.JsonAsync("/api/stories?lang=xx");
        var detail = await site.JsonAsync($"/api/stories/{german}");

        Assert.Equal("de", all[german].GetProperty("language").GetString());
        Assert.Equal("en", all[english].GetProperty("language").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all[unknown].GetProperty("language").ValueKind);
        Assert.Equal([german], onlyGerman.EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
        Assert.Equal(0, none.GetArrayLength());
        Assert.Equal(["de", "de", "en"], detail.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("language").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/stories?lang=deu")]
    [InlineData("/api/stories?lang=%3Cscript%3E")]
    [InlineData("/feed.xml?lang=d1")]
    [InlineData("/feed.json?lang=" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("/?lang=german")]
    [InlineData("/search?lang=%3Cb%3Ex%3C%2Fb%3E")]
    public async Task A_lang_that_is_no_two_letter_code_is_a_400_that_says_so_never_a_500_nor_echoed_markup(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        await StoriesAsync(site);

        var (status, body, _) = await site.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("lang must be a two-letter ISO 639-1 language code", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_and_search_filter_by_lang()
    {
        await using var site = await SiteFixture.CreateAsync();
        await StoriesAsync(site);

        var (_, feed, _) = await site.GetAsync("/feed.json?lang=de&min_score=0");
        var (_, search, _) = await site.GetAsync("/search?lang=en");

        Assert.Contains("Bundestag", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("Parliament passes", feed, StringComparison.Ordinal);
        // The stories in English; the German story's one English article may still be among the articles.
        var stories = search[search.IndexOf("id=\"stories-h\"", StringComparison.Ordinal)..search.IndexOf("id=\"articles-h\"", StringComparison.Ordinal)];
        Assert.Contains("Parliament passes", stories, StringComparison.Ordinal);
        Assert.DoesNotContain("Bundestag", stories, StringComparison.Ordinal);
        Assert.DoesNotContain("Bundestag beschlie&#223;t den Haushalt (Die Zeit)", search, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"lang\" value=\"en\">", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_front_page_keeps_stories_in_other_languages_apart_and_labelled_and_lang_shows_one_language()
    {
        await using var site = await SiteFixture.CreateAsync();
        await StoriesAsync(site);

        var (_, front, _) = await site.GetAsync("/?min_score=5");
        var (_, german, _) = await site.GetAsync("/?min_score=5&lang=de");

        var apart = front.IndexOf("<h2 id=\"other-languages-h\">In other languages</h2>", StringComparison.Ordinal);
        Assert.True(apart > 0, "stories in other languages have a list of their own");
        Assert.True(front.IndexOf("Parliament passes", StringComparison.Ordinal) < apart);
        Assert.True(front.IndexOf("Harbour strike ends", StringComparison.Ordinal) < apart);
        Assert.True(front.IndexOf("Bundestag", StringComparison.Ordinal) > apart);
        Assert.Contains("<span class=\"language\">In German</span>", front, StringComparison.Ordinal);
        Assert.Contains("lang=\"de\">", front, StringComparison.Ordinal);
        Assert.Contains("Bundestag", german, StringComparison.Ordinal);
        Assert.DoesNotContain("Parliament passes", german, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_story_page_shows_the_storys_language_and_each_articles_and_marks_those_that_are_not_the_sites()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, english, _) = await StoriesAsync(site);

        var (_, page, _) = await site.GetAsync($"/story/{german}");
        var (_, own, _) = await site.GetAsync($"/story/{english}");

        Assert.Contains("<span class=\"language foreign\">in German</span>", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("<span class=\"language foreign\">German</span>").Length - 1);
        Assert.Contains("<span class=\"language\">English</span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"language\">in English</span>", own, StringComparison.Ordinal);
    }
}
