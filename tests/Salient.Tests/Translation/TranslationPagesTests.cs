using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Salient.Llm;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Translation;

namespace Salient.Tests.Translation;

/// <summary>
/// Translated stories on the real site on 127.0.0.1 (SQLite store): the translation made by the stage from a
/// chat-completions server on loopback, shown labelled on every page, feed and the API, with the original kept.
/// </summary>
public sealed class TranslationPagesTests
{
    internal const string GermanTitle = "Bundestag beschließt Haushalt mit 480 Milliarden Euro";
    internal const string GermanSummary = "Der Bundestag hat am Freitag den Haushalt für 2027 beschlossen. Drei Ministerien müssen sparen.";
    internal const string EnglishTitle = "Bundestag passes budget of 480 billion euros";
    internal const string EnglishSummary = "The Bundestag passed the budget for 2027 on Friday. Three ministries must save.";

    /// <summary>A German story, an English one, and the German one translated by the stage from <paramref name="reply"/>.</summary>
    internal static async Task<(long German, long English)> TranslatedAsync(SiteFixture site, string title = EnglishTitle, string summary = EnglishSummary)
    {
        var german = await site.AddStoryAsync(GermanTitle, 7.0, summary: GermanSummary, outlets: ["Die Zeit", "FAZ"]);
        await site.ExecuteAsync("UPDATE articles SET language = 'de' WHERE story_id = @id", ("id", german));
        await site.ExecuteAsync("UPDATE stories SET written_version = version, written_at = last_updated WHERE id = @id", ("id", german));
        var english = await site.AddStoryAsync("Parliament passes the budget", 6.5);
        await site.ExecuteAsync("UPDATE articles SET language = 'en' WHERE story_id = @id", ("id", english));
        await site.ExecuteAsync("UPDATE stories SET written_version = version, written_at = last_updated WHERE id = @id", ("id", english));

        await using var llm = await ChatCompletionsServer.StartAsync();
        llm.Reply(JsonSerializer.Serialize(new { title, summary }));
        var options = new TranslationOptions();
        var llmOptions = llm.Options(maxRetries: 0);
        var translator = new StoryTranslator(new LlmClientFactory(llmOptions, TimeProvider.System).Create(), llmOptions.Model, options, TimeProvider.System);
        var stage = new TranslationStage(new TranslationStore(site.App.Database, TimeProvider.System), translator, options, site.Options, TimeProvider.System,
            NullLogger<TranslationStage>.Instance);
        Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));
        return (german, english);
    }

    [Fact]
    public async Task The_front_page_lists_a_translated_story_apart_labelled_as_a_machine_translation_with_its_original_a_click_away()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, _) = await TranslatedAsync(site);

        var (_, body, _) = await site.GetAsync("/");

        var apart = body[body.IndexOf("In other languages", StringComparison.Ordinal)..];
        Assert.Contains($"<li class=\"story translated\" data-id=\"{german}\"", apart, StringComparison.Ordinal);
        Assert.Contains(EnglishTitle, apart, StringComparison.Ordinal);
        Assert.Contains("<span class=\"language\">In German</span>", apart, StringComparison.Ordinal);
        Assert.Contains("<span class=\"machine-translation\">Machine translation</span>", apart, StringComparison.Ordinal);
        Assert.Contains("<details class=\"original\"><summary>Original in German</summary><div lang=\"de\">", apart, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(GermanTitle), apart, StringComparison.Ordinal);
        Assert.Contains("Parliament passes the budget", body[..body.IndexOf("In other languages", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_story_page_leads_with_the_translation_says_what_it_is_and_keeps_the_original_title_and_summary_with_their_sources()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, english) = await TranslatedAsync(site);

        var (status, body, _) = await site.GetAsync($"/story/{german}");
        var (_, plain, _) = await site.GetAsync($"/story/{english}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<h1 id=\"story-title\">{EnglishTitle}</h1>", body, StringComparison.Ordinal);
        Assert.Contains("Machine translation</span> from German by the language model test-model", body, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"original-title\" lang=\"de\">{WebUtility.HtmlEncode(GermanTitle)}</p>", body, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"summary translated\">{EnglishSummary}</p>", body, StringComparison.Ordinal);
        Assert.Contains("Original summary in German, with its sources", body, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("Drei Ministerien müssen sparen."), body, StringComparison.Ordinal);
        Assert.DoesNotContain("Machine translation", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_carry_the_translated_title_and_say_it_is_a_machine_translation_followed_by_the_original()
    {
        await using var site = await SiteFixture.CreateAsync();
        await TranslatedAsync(site);

        var (_, rss, _) = await site.GetAsync("/feed.xml?min_score=0");
        var feed = await site.JsonAsync("/feed.json?min_score=0");

        Assert.Contains($"<title>[7.0] {EnglishTitle}</title>", rss, StringComparison.Ordinal);
        Assert.Contains($"Machine translation from German. Original: {GermanTitle}. {GermanSummary}", rss, StringComparison.Ordinal);
        var item = feed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString()!.Contains("Bundestag", StringComparison.Ordinal));
        Assert.Equal(EnglishSummary, item.GetProperty("summary").GetString());
        Assert.Contains("Machine translation from German", item.GetProperty("content_text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_keeps_the_original_fields_and_adds_the_translation_with_its_language_and_model()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, english) = await TranslatedAsync(site);

        var list = (await site.JsonAsync("/api/stories")).EnumerateArray().ToDictionary(s => s.GetProperty("id").GetInt64());
        var detail = (await site.JsonAsync($"/api/stories/{german}")).GetProperty("story");
        var openapi = await site.JsonAsync("/api/openapi.json");

        foreach (var story in new[] { list[german], detail })
        {
            Assert.Equal(GermanTitle, story.GetProperty("title").GetString());
            Assert.Equal(GermanSummary, story.GetProperty("summary").GetString());
            var t = story.GetProperty("translation");
            Assert.Equal(("en", EnglishTitle, EnglishSummary, "test-model", true),
                (t.GetProperty("language").GetString(), t.GetProperty("title").GetString(), t.GetProperty("summary").GetString(), t.GetProperty("model").GetString(),
                 t.GetProperty("machine").GetBoolean()));
        }
        Assert.Equal(JsonValueKind.Null, list[english].GetProperty("translation").ValueKind);
        var described = openapi.GetProperty("components").GetProperty("schemas").GetProperty("Story").GetProperty("properties").GetProperty("translation");
        Assert.Contains("machine translation", described.GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_translation_of_an_earlier_text_is_shown_nowhere_once_the_story_is_written_again()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, _) = await TranslatedAsync(site);
        await site.ExecuteAsync("UPDATE stories SET title = @t, version = version + 1, written_version = version + 1 WHERE id = @id",
            ("t", "Bundestag beschließt Haushalt mit 481 Milliarden Euro"), ("id", german));

        var (_, front, _) = await site.GetAsync("/");
        var (_, page, _) = await site.GetAsync($"/story/{german}");
        var api = (await site.JsonAsync($"/api/stories/{german}")).GetProperty("story");

        Assert.DoesNotContain(EnglishTitle, front, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("Bundestag beschließt Haushalt mit 481 Milliarden Euro"), front, StringComparison.Ordinal);
        Assert.DoesNotContain("Machine translation", page, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, api.GetProperty("translation").ValueKind);
    }

    [Fact]
    public async Task Markup_stored_in_a_translation_is_shown_as_text_never_as_markup()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, _) = await TranslatedAsync(site);
        await site.ExecuteAsync("UPDATE story_translations SET summary = @s, model = @m WHERE story_id = @id",
            ("s", "Budget passed <script>alert(1)</script> on Friday."), ("m", "<img src=x onerror=alert(1)>"), ("id", german));

        var (_, page, _) = await site.GetAsync($"/story/{german}");
        var (_, front, _) = await site.GetAsync("/");

        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", front, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Search_and_section_pages_show_a_translated_story_labelled_with_its_original_a_click_away()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, _) = await TranslatedAsync(site);
        await site.App.Get<Salient.Storage.SectionStore>().SaveAsync(german, new Salient.Sections.StorySections([new Salient.Sections.TopicScore("politics", 0.9)], ["DE"]),
            CancellationToken.None);

        var (_, search, _) = await site.GetAsync("/search?q=Bundestag");
        var (_, section, _) = await site.GetAsync("/region/de?lang=de");

        foreach (var body in new[] { search, section })
        {
            Assert.Contains($"<li class=\"story translated\" data-id=\"{german}\"", body, StringComparison.Ordinal);
            Assert.Contains(EnglishTitle, body, StringComparison.Ordinal);
            Assert.Contains("<span class=\"machine-translation\">Machine translation</span>", body, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode(GermanTitle), body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_live_front_page_tells_its_script_the_readers_language_so_a_story_in_another_is_left_for_the_list_apart()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.Language = "en");

        var (_, body, _) = await site.GetAsync("/");

        Assert.Contains("data-lang=\"en\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_on_this_topic_and_a_storys_own_feed_give_the_translation_labelled_with_the_original_kept()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, _) = await TranslatedAsync(site);
        var debate = await site.AddStoryAsync("Bundestag budget debate runs late", 6.0);
        await site.ExecuteAsync("UPDATE articles SET language = 'en' WHERE story_id = @id", ("id", debate));

        var (_, page, _) = await site.GetAsync($"/story/{debate}");
        var (status, feed, _) = await site.GetAsync($"/story/{german}/feed.xml");

        var related = page[page.IndexOf("More on this topic", StringComparison.Ordinal)..];
        Assert.Contains($"<a href=\"/story/{german}\"><span class=\"score\">7.0</span>{EnglishTitle}</a>", related, StringComparison.Ordinal);
        Assert.Contains("<span class=\"language\">In German</span> · <span class=\"machine-translation\">Machine translation</span>", related, StringComparison.Ordinal);
        Assert.DoesNotContain(WebUtility.HtmlEncode(GermanTitle), related, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        var channel = System.Xml.Linq.XDocument.Parse(feed).Root!.Element("channel")!;
        Assert.Equal($"{EnglishTitle} — followed on Salient", channel.Element("title")!.Value);
        Assert.StartsWith($"{EnglishSummary} Machine translation from German. Original: {GermanTitle}. {GermanSummary} (This story is", channel.Element("description")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storys_own_feed_keeps_its_title_when_its_translation_is_of_an_earlier_text()
    {
        await using var site = await SiteFixture.CreateAsync();
        var (german, _) = await TranslatedAsync(site);
        await site.ExecuteAsync("UPDATE stories SET title = @t, version = version + 1, written_version = version + 1 WHERE id = @id",
            ("t", "Bundestag beschließt Haushalt mit 481 Milliarden Euro"), ("id", german));

        var (_, feed, _) = await site.GetAsync($"/story/{german}/feed.xml");

        var channel = System.Xml.Linq.XDocument.Parse(feed).Root!.Element("channel")!;
        Assert.Equal("Bundestag beschließt Haushalt mit 481 Milliarden Euro — followed on Salient", channel.Element("title")!.Value);
        Assert.DoesNotContain("Machine translation", feed, StringComparison.Ordinal);
    }
}
