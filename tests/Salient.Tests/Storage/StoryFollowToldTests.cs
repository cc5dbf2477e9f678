using System.Data.Common;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

/// <summary>What a thread's follower was told of (<c>story_follow_told</c>) belongs to its follow and its story, on both engines.</summary>
public sealed class StoryFollowToldTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<long> StoryAsync(DbConnection conn, string title) =>
        await Sql.LongAsync(conn, null, "INSERT INTO stories (status, first_seen, last_updated, title) VALUES ('open', 0, 0, @t) RETURNING id", Ct, ("t", title));

    private static async Task<long> FollowAsync(DbConnection conn, long storyId, string email) =>
        await Sql.LongAsync(conn, null, "INSERT INTO story_follows (story_id, email, status, created_at, kind) VALUES (@s, @e, 'active', 0, 'thread') RETURNING id",
            Ct, ("s", storyId), ("e", email));

    private static Task TellAsync(DbConnection conn, long followId, long storyId) =>
        Sql.ExecuteAsync(conn, null, "INSERT INTO story_follow_told (follow_id, story_id, told_at) VALUES (@f, @s, 0)", Ct, ("f", followId), ("s", storyId));

    private static async Task<List<(long Follow, long Story)>> ToldAsync(DbConnection conn) =>
        await Sql.QueryAsync(conn, null, "SELECT follow_id, story_id FROM story_follow_told ORDER BY follow_id, story_id",
            r => (r.Long("follow_id")!.Value, r.Long("story_id")!.Value), Ct);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Deleting_a_follow_or_a_story_deletes_what_the_follower_was_told_of_it_and_a_row_for_neither_is_refused(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var conn = await db.Database.OpenAsync(Ct);
        var first = await StoryAsync(conn, "Talks begin");
        var second = await StoryAsync(conn, "Talks stall");
        var reader = await FollowAsync(conn, first, "reader@example.test");
        var other = await FollowAsync(conn, first, "other@example.test");
        foreach (var (f, s) in new[] { (reader, first), (reader, second), (other, first), (other, second) })
        {
            await TellAsync(conn, f, s);
        }

        await Sql.ExecuteAsync(conn, null, "DELETE FROM story_follows WHERE id = @id", Ct, ("id", reader));
        Assert.Equal([(other, first), (other, second)], await ToldAsync(conn));
        await Sql.ExecuteAsync(conn, null, "DELETE FROM stories WHERE id = @id", Ct, ("id", second));
        Assert.Equal([(other, first)], await ToldAsync(conn));

        await Assert.ThrowsAnyAsync<DbException>(() => TellAsync(conn, reader, first));
        await Assert.ThrowsAnyAsync<DbException>(() => TellAsync(conn, other, second));
        Assert.Equal([(other, first)], await ToldAsync(conn));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Upgrading_a_store_drops_rows_left_pointing_at_a_follow_or_story_that_is_gone_and_keeps_the_rest(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var conn = await db.Database.OpenAsync(Ct))
        {
            // The table as it was before its keys, holding rows whose follow or story was deleted.
            await Sql.ExecuteAsync(conn, null, "DROP TABLE story_follow_told", Ct);
            await Sql.ExecuteAsync(conn, null,
                "CREATE TABLE story_follow_told (follow_id BIGINT NOT NULL, story_id BIGINT NOT NULL, told_at BIGINT NOT NULL, PRIMARY KEY (follow_id, story_id))", Ct);
            await Sql.ExecuteAsync(conn, null, "DELETE FROM schema_migrations WHERE version >= 280", Ct);
            var story = await StoryAsync(conn, "Talks begin");
            var gone = await StoryAsync(conn, "Talks stall");
            var follow = await FollowAsync(conn, story, "reader@example.test");
            var goneFollow = await FollowAsync(conn, story, "other@example.test");
            foreach (var (f, s) in new[] { (follow, story), (follow, gone), (goneFollow, story) })
            {
                await TellAsync(conn, f, s);
            }
            await Sql.ExecuteAsync(conn, null, "DELETE FROM stories WHERE id = @id", Ct, ("id", gone));
            await Sql.ExecuteAsync(conn, null, "DELETE FROM story_follows WHERE id = @id", Ct, ("id", goneFollow));
            Assert.Equal(3, (await ToldAsync(conn)).Count);
        }

        var applied = await db.Database.MigrateAsync(Ct);

        Assert.Contains("0280_story_follow_told_keys", applied);
        await using var after = await db.Database.OpenAsync(Ct);
        var kept = Assert.Single(await ToldAsync(after));
        Assert.Equal("reader@example.test", await Sql.ScalarAsync(after, null, "SELECT email FROM story_follows WHERE id = @id", Ct, ("id", kept.Follow)));
        Assert.Equal("Talks begin", await Sql.ScalarAsync(after, null, "SELECT title FROM stories WHERE id = @id", Ct, ("id", kept.Story)));
        await Sql.ExecuteAsync(after, null, "DELETE FROM story_follows WHERE id = @id", Ct, ("id", kept.Follow));
        Assert.Empty(await ToldAsync(after));
    }
}
