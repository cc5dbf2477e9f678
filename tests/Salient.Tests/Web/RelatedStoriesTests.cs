using Salient.Embeddings;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Web;

namespace Salient.Tests.Web;

public sealed class RelatedStoriesTests
{
    private static readonly long Now = new DateTimeOffset(2026, 5, 20, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const long Hour = 3_600_000;

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private static async Task StoryAsync(Database db, long id, float[] centroid, long lastPublished, long lastUpdated)
    {
        await using var conn = await db.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, """
            INSERT INTO stories (id, status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, centroid, version, title)
            VALUES (@id, 'open', @p, @u, @p, @p, 1, 1, @c, 1, @t)
            """, CancellationToken.None, ("id", id), ("p", lastPublished), ("u", lastUpdated), ("c", TextEmbedder.ToBytes(centroid)), ("t", $"Story {id}"));
    }

    [Fact]
    public async Task The_kept_index_finds_what_the_stores_query_finds_without_reading_the_day_again()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Database;
        // Stories 1–6 share a topic to different degrees, 7 is elsewhere, 8 is on the topic but too early for story 1.
        var similar = new[] { 0.95, 0.9, 0.8, 0.7, 0.6, 0.5 };
        for (var i = 0; i < similar.Length; i++)
        {
            await StoryAsync(db, i + 1, TestModels.Vector(similar[i], 3), Now - i * Hour, Now - i * Hour);
        }
        await StoryAsync(db, 7, TestModels.Vector(0, 9), Now, Now);
        await StoryAsync(db, 8, TestModels.Vector(0.95, 3), Now - 60 * Hour, Now - 60 * Hour);
        var store = new StoryStore(db, TimeProvider.System);
        var related = new RelatedStories(store, new ManualClock());

        foreach (var id in new long[] { 1, 3, 7, 8 })
        {
            var expected = (await store.RelatedAsync(id, CancellationToken.None, count: 5)).Select(r => r.Id).ToList();
            Assert.Equal(expected, await related.IdsAsync(id, 5, CancellationToken.None));
        }
        Assert.Equal([2L, 3, 4, 5, 6], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Empty(await related.IdsAsync(7, 5, CancellationToken.None));
        Assert.Equal([2L, 3], await related.IdsAsync(1, 2, CancellationToken.None));
        Assert.Equal(8, related.Count);
    }

    [Fact]
    public async Task A_story_that_changes_gets_its_list_made_again_and_a_merged_story_leaves_every_list()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now);
        await StoryAsync(db, 2, TestModels.Vector(0.8, 3), Now, Now);
        await StoryAsync(db, 3, TestModels.Vector(0.1, 5), Now, Now);
        var clock = new ManualClock();
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), clock);
        Assert.Equal([2L], await related.IdsAsync(1, 5, CancellationToken.None));

        // Grouping moves story 3 onto the topic (a new centroid), and merges story 2 away.
        await using (var conn = await db.OpenAsync(CancellationToken.None))
        {
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET centroid = @c, last_updated = @u WHERE id = 3", CancellationToken.None,
                ("c", TextEmbedder.ToBytes(TestModels.Vector(0.85, 3))), ("u", Now + 1000));
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET status = 'merged', merged_into = 1, last_updated = @u WHERE id = 2", CancellationToken.None, ("u", Now + 1000));
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET last_updated = @u WHERE id = 1", CancellationToken.None, ("u", Now + 1000));
        }
        // Until the index reads the changes, the kept list stands.
        Assert.Equal([2L], await related.IdsAsync(1, 5, CancellationToken.None));
        clock.Advance(RelatedStories.RefreshEvery + TimeSpan.FromSeconds(1));
        await related.RefreshAsync(CancellationToken.None);

        Assert.Equal([3L], await related.IdsAsync(1, 5, CancellationToken.None));
        Assert.Equal([1L], await related.IdsAsync(3, 5, CancellationToken.None));
        Assert.Equal(2, related.Count);
    }

    [Fact]
    public async Task A_story_older_than_the_kept_window_is_answered_by_the_stores_query()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        var db = test.Database;
        await StoryAsync(db, 1, TestModels.Vector(0.9, 3), Now, Now);
        await StoryAsync(db, 2, TestModels.Vector(0.9, 3), Now - 10 * 24 * Hour, Now - 10 * 24 * Hour);
        await StoryAsync(db, 3, TestModels.Vector(0.8, 3), Now - 10 * 24 * Hour - Hour, Now - 10 * 24 * Hour);
        var related = new RelatedStories(new StoryStore(db, TimeProvider.System), new ManualClock());
        Assert.Equal([1L, 3], await related.IdsAsync(2, 5, CancellationToken.None));
        Assert.Equal(1, related.Count);
        Assert.Empty(await related.IdsAsync(424242, 5, CancellationToken.None));
    }
}
