using Microsoft.Extensions.Logging.Abstractions;
using Salient.Embeddings;
using Salient.Sections;
using Salient.Significance;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Sections;

/// <summary>The scoring stage files each story it scores under its desks and countries, in a real SQLite store.</summary>
public sealed class SectionTaggingTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private Database _db = null!;

    public async Task InitializeAsync()
    {
        _db = Database.Create(_dir.File("s.db"));
        await _db.MigrateAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private async Task AddStoryAsync(long id, string title, string? excerpt, string sourceCountry, string category)
    {
        await using var conn = await _db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, "INSERT INTO sources (id, url, name, tier, country, category, created_at) VALUES (@id, @url, @name, 1, @c, @cat, 0)",
            CancellationToken.None, ("id", id), ("url", $"https://s{id}.example/feed"), ("name", $"Source {id}"), ("c", sourceCountry), ("cat", category));
        await Sql.ExecuteAsync(conn, null,
            "INSERT INTO articles (id, source_id, url, canonical_url, title, excerpt, published_at, discovered_at, stage, story_id) VALUES (@id, @id, @url, @url, @title, @ex, 1000, 1000, 30, @id)",
            CancellationToken.None, ("id", id), ("url", $"https://x.example/{id}"), ("title", title), ("ex", excerpt));
        await Sql.ExecuteAsync(conn, null,
            "INSERT INTO stories (id, first_seen, last_updated, first_published, article_count, outlet_count, representative_article_id, version) VALUES (@id, 1000, 1000, 1000, 1, 1, @id, 1)",
            CancellationToken.None, ("id", id));
    }

    [Fact]
    public async Task A_scored_story_gets_its_desks_and_the_countries_its_text_names_or_else_its_outlets_country()
    {
        await AddStoryAsync(1, "Striker scores twice as Madrid win the Spanish league title", "Real Madrid beat Sevilla on the final day.", "GB", "national");
        await AddStoryAsync(2, "Council votes to close the town library", null, "IE", "national");
        var stage = new ScoringStage(new StoryStore(_db, TimeProvider.System), TestModels.Scorer(TestModels.Linear()), new TextEmbedder(), new SignificanceOptions(),
            TimeProvider.System, NullLogger<ScoringStage>.Instance, new SectionTagger(new SectionsOptions()), new SectionStore(_db, TimeProvider.System));

        Assert.Equal(2, await stage.RunBatchAsync(CancellationToken.None));

        var store = new SectionStore(_db, TimeProvider.System);
        var sport = await store.SectionsAsync(1, CancellationToken.None);
        var local = await store.SectionsAsync(2, CancellationToken.None);
        Assert.NotNull(sport);
        Assert.NotNull(local);
        Assert.Equal("sports", sport.TopicSlugs[0]);
        Assert.Equal("ES", sport.Countries[0]);
        Assert.Equal(["IE"], local.Countries);
        Assert.InRange(local.Topics.Count, 1, 3);
    }
}
