using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

public sealed class FeedbackStoreTests
{
    private static async Task<long> StoryAsync(Database db, double? score, string status = "open")
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        var source = await Sql.LongAsync(conn, null, "INSERT INTO sources (url, name, tier, created_at) VALUES (@u, 'Daily Planet', 1, 0) RETURNING id",
            CancellationToken.None, ("u", $"https://{Guid.NewGuid():N}.example/feed.xml"));
        var story = await Sql.LongAsync(conn, null, """
            INSERT INTO stories (status, first_seen, last_updated, article_count, outlet_count, score, title, version, scored_version)
            VALUES (@st, 0, 0, 1, 1, @score, 'Dam bursts upstream of the capital', 1, 1) RETURNING id
            """, CancellationToken.None, ("st", status), ("score", score));
        var article = await Sql.LongAsync(conn, null, """
            INSERT INTO articles (source_id, url, canonical_url, title, excerpt, discovered_at, stage, story_id)
            VALUES (@s, @u, @u, 'Dam bursts', 'Water reached the suburbs by noon.', 0, 30, @story) RETURNING id
            """, CancellationToken.None, ("s", source), ("u", $"https://planet.example/{Guid.NewGuid():N}"), ("story", story));
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET representative_article_id = @a WHERE id = @id", CancellationToken.None, ("a", article), ("id", story));
        return story;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_verdict_keeps_the_story_as_judged_and_a_second_one_from_the_same_client_replaces_it(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new FeedbackStore(t.Database, TimeProvider.System);
        var story = await StoryAsync(t.Database, 4.2);

        Assert.Equal(FeedbackOutcome.Recorded, await store.RecordAsync(story, "reader:a", byAdmin: false, "higher", CancellationToken.None));
        Assert.Equal(FeedbackOutcome.Recorded, await store.RecordAsync(story, "admin", byAdmin: true, "right", CancellationToken.None));
        Assert.Equal(FeedbackOutcome.Replaced, await store.RecordAsync(story, "reader:a", byAdmin: false, "LOWER", CancellationToken.None));

        var all = await store.AllAsync(CancellationToken.None);
        Assert.Equal(2, all.Count);
        var reader = Assert.Single(all, f => !f.ByAdmin);
        Assert.Equal("lower", reader.Verdict);
        Assert.Equal(4.2, reader.ShownScore, 3);
        Assert.Equal("Dam bursts upstream of the capital", reader.Title);
        Assert.Equal("Water reached the suburbs by noon.", reader.Lead);
        Assert.Equal(["Daily Planet"], reader.Outlets);
        Assert.Equal(4.2, reader.CurrentScore);
        var counts = await store.CountsAsync(CancellationToken.None);
        Assert.Equal((0L, 1L, 1L), (counts["higher"], counts["lower"], counts["right"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Feedback_on_a_missing_unscored_or_merged_story_or_with_an_unknown_verdict_stores_nothing(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new FeedbackStore(t.Database, TimeProvider.System);
        var unscored = await StoryAsync(t.Database, null);
        var merged = await StoryAsync(t.Database, 6.0, status: "merged");

        Assert.Equal(FeedbackOutcome.NoSuchStory, await store.RecordAsync(987_654, "reader:a", false, "higher", CancellationToken.None));
        Assert.Equal(FeedbackOutcome.NotScored, await store.RecordAsync(unscored, "reader:a", false, "higher", CancellationToken.None));
        Assert.Equal(FeedbackOutcome.NoSuchStory, await store.RecordAsync(merged, "reader:a", false, "higher", CancellationToken.None));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordAsync(unscored, "reader:a", false, "much higher'; DROP TABLE stories;--", CancellationToken.None));
        Assert.Contains("higher, lower or right", e.Message, StringComparison.Ordinal);
        Assert.Empty(await store.AllAsync(CancellationToken.None));
    }
}
