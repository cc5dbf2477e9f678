using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Salient.Embeddings;
using Salient.Significance;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Significance;

public sealed class ScoringStageTests : IAsyncLifetime
{
    private static readonly long Day = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const long Hour = 3_600_000;

    private readonly TempDir _dir = new();
    private Database _db = null!;
    private long _nextArticle = 1;

    public async Task InitializeAsync()
    {
        _db = Database.Create(_dir.File("s.db"));
        await _db.MigrateAsync(CancellationToken.None);
        await using var conn = await _db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, "INSERT INTO sources (id, url, name, tier, created_at) VALUES (1, 'https://wire.example/feed', 'Wire', 1, 0), (2, 'https://blog.example/feed', 'Blog', 3, 0), (3, 'https://paper.example/feed', 'Paper', 2, 0)", CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private ScoringStage Stage() =>
        new(new StoryStore(_db, TimeProvider.System), TestModels.Scorer(TestModels.Linear()), new TextEmbedder(), new SignificanceOptions(), TimeProvider.System, NullLogger<ScoringStage>.Instance);

    /// <summary>A story with one article per source given, published an hour apart from <paramref name="at"/>.</summary>
    private async Task<long> Story(long id, double first, long at, params long[] sources)
    {
        await using var conn = await _db.OpenAsync(CancellationToken.None);
        long? rep = null;
        var t = at;
        foreach (var source in sources)
        {
            var aid = _nextArticle++;
            rep ??= aid;
            await Sql.ExecuteAsync(conn, null,
                "INSERT INTO articles (id, source_id, url, canonical_url, title, published_at, discovered_at, stage, story_id, embedding) VALUES (@id, @src, @url, @url, @title, @t, @t, 30, @story, @emb)",
                CancellationToken.None, ("id", aid), ("src", source), ("url", $"https://x.example/{aid}"), ("title", $"Story {id}"), ("t", t), ("story", id),
                ("emb", TextEmbedder.ToBytes(TestModels.Vector(first, (int)aid))));
            t += Hour;
        }
        await Sql.ExecuteAsync(conn, null,
            "INSERT INTO stories (id, first_seen, last_updated, first_published, article_count, outlet_count, representative_article_id, version) VALUES (@id, @at, @at, @at, @n, @n, @rep, 1)",
            CancellationToken.None, ("id", id), ("at", at), ("n", sources.Length), ("rep", rep));
        return id;
    }

    private async Task<(double? Score, string? Factors, string? Reason, double? Percentile, long? ScoredVersion)> Row(long id)
    {
        await using var conn = await _db.OpenAsync(CancellationToken.None);
        var rows = await Sql.QueryAsync(conn, null, "SELECT score, factors, reason, percentile, scored_version FROM stories WHERE id = @id",
            r => (r.Double("score"), r.Str("factors"), r.Str("reason"), r.Double("percentile"), r.Long("scored_version")), CancellationToken.None, ("id", id));
        return rows.Single();
    }

    [Fact]
    public async Task New_stories_get_score_factors_reason_and_day_percentile()
    {
        await Story(1, 0.9, Day + 2 * Hour, 1, 2, 3);
        await Story(2, 0.1, Day + 3 * Hour, 3);
        await Story(3, -0.5, Day + 4 * Hour, 2);
        var stage = Stage();
        Assert.Equal(3, await stage.CountPendingAsync(CancellationToken.None));

        Assert.Equal(3, await stage.RunBatchAsync(CancellationToken.None));

        Assert.Equal(0, await stage.CountPendingAsync(CancellationToken.None));
        var high = await Row(1);
        var low = await Row(3);
        Assert.True(high.Score > low.Score);
        Assert.Equal(1, high.ScoredVersion);
        var factors = JsonSerializer.Deserialize<Factors>(high.Factors!)!;
        Assert.InRange(factors.Scale, 0, 10);
        Assert.Contains("3 outlets", high.Reason, StringComparison.Ordinal);
        var rank = await new StoryStore(_db, TimeProvider.System).DayRankAsync(1, CancellationToken.None);
        Assert.NotNull(rank);
        Assert.Equal(5, rank.AnalysedCount);
        Assert.Equal(40.0, rank.Percentile); // 2 of the day's 5 articles belong to lower-scoring stories
        Assert.Equal(60, rank.TopPercent);
        Assert.Equal(new DateOnly(2026, 3, 2), rank.Day);
        var lowest = await new StoryStore(_db, TimeProvider.System).DayRankAsync(3, CancellationToken.None);
        Assert.Equal(0.0, lowest!.Percentile);
    }

    [Fact]
    public async Task Story_that_grows_is_scored_again_and_one_that_did_not_is_left_alone()
    {
        await Story(1, 0.2, Day, 3);
        await Story(2, 0.2, Day, 3);
        var stage = Stage();
        await stage.RunBatchAsync(CancellationToken.None);
        var before = await Row(1);
        await using (var conn = await _db.OpenAsync(CancellationToken.None))
        {
            foreach (var source in new long[] { 1, 2 })
            {
                var aid = _nextArticle++;
                await Sql.ExecuteAsync(conn, null,
                    "INSERT INTO articles (id, source_id, url, canonical_url, title, published_at, discovered_at, stage, story_id, embedding) VALUES (@id, @src, @url, @url, 't', @t, @t, 30, 1, @emb)",
                    CancellationToken.None, ("id", aid), ("src", source), ("url", $"https://x.example/{aid}"), ("t", Day + Hour), ("emb", TextEmbedder.ToBytes(TestModels.Vector(0.2))));
            }
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET version = 2, outlet_count = 3 WHERE id = 1", CancellationToken.None);
        }
        Assert.Equal(1, await stage.CountPendingAsync(CancellationToken.None));

        Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));

        var after = await Row(1);
        Assert.Equal(2, after.ScoredVersion);
        Assert.True(after.Score > before.Score, "more outlets, more credibility");
        Assert.Equal(0, await stage.RunBatchAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_new_version_that_leaves_what_the_student_reads_unchanged_keeps_its_score_without_scoring_again()
    {
        await Story(1, 0.4, Day, 1, 2);
        var stage = Stage();
        Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));
        await using (var conn = await _db.OpenAsync(CancellationToken.None))
        {
            // Grouping touched the story (a new version) without changing its articles, outlets or embedding; the stored
            // score is then altered by hand, so a second scoring would show by putting the model's score back.
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET version = 2, score = 1.25, scored_at = 5 WHERE id = 1", CancellationToken.None);
        }
        Assert.Equal(1, await stage.CountPendingAsync(CancellationToken.None));

        Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));

        var kept = await Row(1);
        Assert.Equal(2, kept.ScoredVersion);
        Assert.Equal(1.25, kept.Score);
        Assert.Equal(0, await stage.CountPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Marking_every_story_for_rescoring_scores_it_again_even_when_its_inputs_are_unchanged()
    {
        await Story(1, 0.4, Day, 1, 2);
        var stage = Stage();
        await stage.RunBatchAsync(CancellationToken.None);
        var model = (await Row(1)).Score;
        await using (var conn = await _db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET score = 1.25 WHERE id = 1", CancellationToken.None);
        }
        Assert.Equal(1, await new StoryStore(_db, TimeProvider.System).RescoreAllAsync(CancellationToken.None));

        Assert.Equal(1, await stage.RunBatchAsync(CancellationToken.None));

        Assert.Equal(model, (await Row(1)).Score);
    }

    [Fact]
    public void The_fingerprint_of_the_inputs_changes_with_the_embedding_and_with_each_coverage_figure()
    {
        var embedding = TestModels.Vector(0.3);
        var coverage = Coverage.FromTiers([1, 2, 3], 2) with { Countries = 2, Articles = 4, SpanHours = 3.5, DayOutlets = 120 };
        var same = StoryStore.ScoreInputs(embedding, coverage);
        Assert.Equal(same, StoryStore.ScoreInputs(TestModels.Vector(0.3), coverage with { }));
        var other = TestModels.Vector(0.3);
        other[7] += 1e-6f;
        Assert.NotEqual(same, StoryStore.ScoreInputs(other, coverage));
        foreach (var changed in new[]
        {
            coverage with { Countries = 3 }, coverage with { Articles = 5 }, coverage with { SpanHours = 3.6 }, coverage with { DayOutlets = 121 },
            coverage with { Known = false }, Coverage.FromTiers([1, 1, 3], 2) with { Countries = 2, Articles = 4, SpanHours = 3.5, DayOutlets = 120 },
        })
        {
            Assert.NotEqual(same, StoryStore.ScoreInputs(embedding, changed));
        }
    }

    [Fact]
    public async Task Merged_stories_are_not_scored()
    {
        await Story(1, 0.2, Day, 3);
        await using (var conn = await _db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET status = 'merged', merged_into = 9 WHERE id = 1", CancellationToken.None);
        }
        Assert.Equal(0, await Stage().RunBatchAsync(CancellationToken.None));
        Assert.Null((await Row(1)).Score);
    }

    [Fact]
    public async Task Story_without_articles_is_still_scored_from_its_centroid()
    {
        await using (var conn = await _db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null,
                "INSERT INTO stories (id, first_seen, last_updated, version, centroid) VALUES (5, @t, @t, 1, @c)",
                CancellationToken.None, ("t", Day), ("c", TextEmbedder.ToBytes(TestModels.Vector(0.5).Select(x => x * 3).ToArray())));
        }
        Assert.Equal(1, await Stage().RunBatchAsync(CancellationToken.None));
        Assert.NotNull((await Row(5)).Score);
    }

    [Fact]
    public async Task Unscored_story_has_no_day_rank()
    {
        await Story(1, 0.2, Day, 3);
        Assert.Null(await new StoryStore(_db, TimeProvider.System).DayRankAsync(1, CancellationToken.None));
        Assert.Null(await new StoryStore(_db, TimeProvider.System).DayRankAsync(999, CancellationToken.None));
    }
}
