using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Web;

/// <summary>
/// Lists of stories read by the site: the most significant of a window chosen per day from ix_stories_day_rank, and
/// each story's card (and API JSON) kept until its row changes.
/// </summary>
public sealed class StoryListTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 5, 10, 0, 0, 0, TimeSpan.Zero);

    private sealed record Seeded(long Id, double? Score, int Articles, DateTimeOffset At, bool Merged);

    private static async Task<List<Seeded>> SeedAsync(Database db, int count, int seed)
    {
        var random = new Random(seed);
        var stories = new List<Seeded>();
        await using var conn = await db.OpenAsync(CancellationToken.None);
        for (long id = 1; id <= count; id++)
        {
            // Scores on a coarse grid and few article counts, so ties are common and the id decides them.
            var story = new Seeded(id, random.Next(6) == 0 ? null : random.Next(0, 21) / 2.0, random.Next(1, 4),
                Midnight.AddDays(-3).AddMinutes(random.Next(0, 5 * 24 * 60)), random.Next(15) == 0);
            stories.Add(story);
            await Sql.ExecuteAsync(conn, null, """
                INSERT INTO stories (id, status, merged_into, first_seen, last_updated, first_published, last_published, article_count, outlet_count, outlets, score, title, summary)
                VALUES (@id, @status, @into, @t, @t, @t, @t, @n, 1, '["Reuters"]', @score, @title, 'What happened.')
                """, CancellationToken.None, ("id", id), ("status", story.Merged ? "merged" : "open"), ("into", story.Merged ? 1L : null),
                ("t", Clock.ToUnixMs(story.At)), ("n", story.Articles), ("score", story.Score), ("title", $"Story {id}"));
        }
        return stories;
    }

    private static List<long> Expected(List<Seeded> stories, DateTimeOffset from, DateTimeOffset to, double min, int limit) =>
        [.. stories.Where(s => !s.Merged && s.At >= from && s.At < to && (min <= 0 || s.Score >= min))
            .OrderByDescending(s => s.Score ?? -1).ThenByDescending(s => s.Articles).ThenByDescending(s => s.Id).Take(limit).Select(s => s.Id)];

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_most_significant_stories_of_a_day_of_the_last_24_hours_and_of_longer_windows_are_those_a_full_sort_gives_on_both_engines(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var stories = await SeedAsync(test.Database, 400, 7);
        var store = new SiteStore(test.Database);
        var windows = new (DateTimeOffset From, DateTimeOffset To)[]
        {
            (Midnight, Midnight.AddDays(1)),                                // a day (?date=)
            (Midnight.AddHours(-9.5), Midnight.AddHours(14.5)),             // the last 24 hours, across midnight
            (Midnight.AddDays(-2).AddHours(3), Midnight.AddHours(1)),       // three days
            (Midnight.AddDays(-3), Midnight.AddDays(2)),                    // five days: read as one window
            (Midnight.AddHours(5), Midnight.AddHours(5).AddMinutes(30)),    // half an hour
            (Midnight.AddDays(30), Midnight.AddDays(31)),                   // a day without stories
        };
        foreach (var (from, to) in windows)
        {
            foreach (var min in new[] { 0.0, 5.5, 9.5 })
            {
                foreach (var limit in new[] { 1, 7, 100 })
                {
                    var got = await store.StoriesAsync(new StoryQuery { From = from, To = to, MinScore = min, Limit = limit, BySignificance = true }, CancellationToken.None);
                    Assert.Equal(Expected(stories, from, to, min, limit), got.Select(s => s.Id).ToList());
                }
            }
        }
        Assert.Equal(3, SiteStore.DaysOf(Midnight.AddDays(-2).AddHours(3), Midnight.AddHours(1))!.Count);
        Assert.Null(SiteStore.DaysOf(Midnight.AddDays(-3), Midnight.AddDays(2)));
        Assert.Equal(new List<long> { Clock.ToUnixMs(Midnight) / 86_400_000 }, SiteStore.DaysOf(Midnight, Midnight.AddDays(1)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_desk_a_region_a_language_and_an_outlet_keep_their_stories_when_a_day_is_read_per_day_on_both_engines(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        var stories = await SeedAsync(db, 300, 11);
        var random = new Random(5);
        string[] desks = ["science", "politics", "sport"];
        string[] countries = ["FR", "DE", "US", "JP"];
        string[] languages = ["en", "de"];
        var facets = new Dictionary<long, (string Desk, string Country, string Language)>();
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "INSERT INTO sources (id, url, name, created_at) VALUES (1, 'https://example.org/feed.xml', 'Example News', 0)", CancellationToken.None);
            foreach (var story in stories)
            {
                var facet = (desks[random.Next(desks.Length)], countries[random.Next(countries.Length)], languages[random.Next(languages.Length)]);
                facets[story.Id] = facet;
                await Sql.ExecuteAsync(conn, null, "UPDATE stories SET topics = @t, about_countries = @c WHERE id = @id", CancellationToken.None,
                    ("t", $",{facet.Item1},"), ("c", $",{facet.Item2},"), ("id", story.Id));
                // Its one article carries its language (the story's is kept from its articles) and, for every third story, the outlet.
                await Sql.ExecuteAsync(conn, null, """
                    INSERT INTO articles (id, source_id, url, canonical_url, title, published_at, discovered_at, stage, story_id, language)
                    VALUES (@id, @src, @url, @url, 'An article', 0, 0, 4, @id, @lang)
                    """, CancellationToken.None, ("id", story.Id), ("src", story.Id % 3 == 0 ? 1L : null), ("url", $"https://example.org/a{story.Id}"), ("lang", facet.Item3));
            }
        }
        var store = new SiteStore(db);
        var (from, to) = (Midnight.AddHours(-9.5), Midnight.AddHours(14.5));
        List<long> Want(Func<long, bool> keep, double min) =>
            Expected([.. stories.Where(s => keep(s.Id))], from, to, min, 20);
        var window = new StoryQuery { From = from, To = to, Limit = 20, BySignificance = true };
        foreach (var min in new[] { 0.0, 5.5 })
        {
            async Task<List<long>> Got(StoryQuery q) => [.. (await store.StoriesAsync(q with { MinScore = min }, CancellationToken.None)).Select(s => s.Id)];
            Assert.Equal(Want(id => facets[id].Desk == "science", min), await Got(window with { Desk = "science" }));
            Assert.Equal(Want(id => facets[id].Country is "FR" or "DE", min), await Got(window with { Countries = ["FR", "DE"] }));
            Assert.Equal(Want(id => facets[id].Language == "de", min), await Got(window with { Language = "de" }));
            Assert.Equal(Want(id => id % 3 == 0, min), await Got(window with { Outlet = "EXAMPLE news" }));
            Assert.Equal(Want(id => facets[id] is ("politics", "US", "en"), min),
                await Got(window with { Desk = "politics", Countries = ["US"], Language = "en" }));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_kept_card_is_given_again_until_its_story_changes_and_any_change_the_site_shows_is_read_on_both_engines(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine);
        var db = test.Database;
        await SeedAsync(db, 6, 3);
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET status = 'open', merged_into = NULL, score = 6, last_published = @t, last_updated = @t",
                CancellationToken.None, ("t", Clock.ToUnixMs(Midnight)));
            await Sql.ExecuteAsync(conn, null, """
                INSERT INTO articles (id, url, canonical_url, title, excerpt, published_at, discovered_at, stage, story_id, language)
                VALUES (50, 'https://example.org/50', 'https://example.org/50', 'The lead article', 'Its lead.', @t, @t, 4, 2, 'en')
                """, CancellationToken.None, ("t", Clock.ToUnixMs(Midnight)));
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET representative_article_id = 50, title = NULL, summary = NULL WHERE id = 2", CancellationToken.None);
        }
        var store = new SiteStore(db);
        var query = new StoryQuery { Limit = 10 };
        async Task<Dictionary<long, StoryCard>> ReadAsync() => (await store.StoriesAsync(query, CancellationToken.None)).ToDictionary(s => s.Id);
        async Task ExecuteAsync(string sql)
        {
            await using var conn = await db.OpenAsync(CancellationToken.None);
            await Sql.ExecuteAsync(conn, null, sql, CancellationToken.None);
        }

        var first = await ReadAsync();
        var again = await ReadAsync();
        Assert.Equal(6, store.KeptCards);
        Assert.All(first, kv => Assert.Same(kv.Value, again[kv.Key]));
        Assert.Equal("The lead article", first[2].Title);

        // Each change is read at once, and only the changed story's card is new.
        var changes = new (long Story, string Sql, Func<StoryCard, bool> Shows)[]
        {
            (1, "UPDATE stories SET title = 'A <b>new</b> title' WHERE id = 1", c => c.Title == "A new title"),
            (3, "UPDATE stories SET score = 8.5, factors = '{\"scale\": 9}', reason = 'Large.' WHERE id = 3", c => c.Score == 8.5 && c.Factors["scale"] == 9 && c.Reason == "Large."),
            (4, "UPDATE stories SET outlets = '[\"Reuters\", \"AP\"]', outlet_count = 2 WHERE id = 4", c => c.Outlets.Count == 2 && c.OutletCount == 2),
            (5, "UPDATE stories SET topics = ',science,', topic_scores = '[{\"desk\":\"science\",\"confidence\":0.9}]', about_countries = ',FR,' WHERE id = 5",
                c => c.Topics.Count == 1 && c.AboutCountries.SequenceEqual(["FR"])),
            (2, "UPDATE articles SET title = 'The lead article, corrected' WHERE id = 50", c => c.Title == "The lead article, corrected"),
            (2, "UPDATE articles SET language = 'fr' WHERE id = 50", c => c.Language == "fr"),
        };
        foreach (var (story, sql, shows) in changes)
        {
            var before = await ReadAsync();
            await ExecuteAsync(sql);
            var after = await ReadAsync();
            Assert.True(shows(after[story]), sql);
            Assert.All(after.Where(kv => kv.Key != story), kv => Assert.Same(before[kv.Key], kv.Value));
        }

        // Changes the site does not show (leases, the scoring stage's bookkeeping) keep the card.
        var kept = await ReadAsync();
        await ExecuteAsync("UPDATE stories SET score_lease_owner = 'w', score_lease_until = 1, scored_version = NULL, score_inputs = NULL WHERE id = 6");
        Assert.Same(kept[6], (await ReadAsync())[6]);

        // A story deleted and another written under its id is another story.
        await ExecuteAsync("DELETE FROM stories WHERE id = 6");
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, """
                INSERT INTO stories (id, status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, score, title, summary)
                VALUES (6, 'open', @seen, @t, @t, @t, 1, 1, 6, 'Another story', 'Else.')
                """, CancellationToken.None, ("seen", Clock.ToUnixMs(Midnight) - 5), ("t", Clock.ToUnixMs(Midnight)));
        }
        Assert.Equal("Another story", (await ReadAsync())[6].Title);
    }

    [Fact]
    public async Task The_api_list_is_the_same_json_as_before_its_stories_were_kept_and_shows_a_changed_story_at_once()
    {
        await using var site = await SiteFixture.CreateAsync();
        var a = await site.AddStoryAsync("Parliament passes the budget", 6.0);
        var b = await site.AddStoryAsync("Harbour strike ends <script>x</script>", 7.5, articles: 3, outlets: ["Reuters", "AP", "AFP"]);

        var (_, first, _) = await site.GetAsync("/api/stories");
        var (_, second, _) = await site.GetAsync("/api/stories");
        Assert.Equal(first, second);

        // The same bytes the list gave before each story was written alone: the cards serialised as one array.
        var stories = await site.Site.Services.GetRequiredService<SiteStore>().StoriesAsync(new StoryQuery { Limit = 200 }, CancellationToken.None);
        var ranked = await site.Site.Services.GetRequiredService<DayRanks>().WithPercentilesAsync(stories, CancellationToken.None);
        var regions = site.Site.Services.GetRequiredService<Salient.Sections.RegionCatalog>();
        var baseUrl = JsonDocument.Parse(first).RootElement[0].GetProperty("url").GetString()!.Split("/story/")[0];
        Assert.Equal(JsonSerializer.Serialize(ranked.Select(s => ApiEndpoints.StoryJson(s, baseUrl, regions)), ApiEndpoints.Json), first);

        await site.ExecuteAsync("UPDATE stories SET title = 'Harbour strike is over', score = 8.0 WHERE id = @id", ("id", b));
        var changed = JsonDocument.Parse((await site.GetAsync("/api/stories")).Body).RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("id").GetInt64());
        Assert.Equal("Harbour strike is over", changed[b].GetProperty("title").GetString());
        Assert.Equal(8.0, changed[b].GetProperty("score").GetDouble());
        Assert.Equal("Parliament passes the budget", changed[a].GetProperty("title").GetString());
    }
}
