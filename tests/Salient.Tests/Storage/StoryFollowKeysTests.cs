using System.Data.Common;
using Salient.Storage;
using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

/// <summary>A follow (<c>story_follows</c>) belongs to its story: a merge moves it to the story it became, deleting the story deletes it, on both engines.</summary>
public sealed class StoryFollowKeysTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<long> StoryAsync(DbConnection conn, string title) =>
        await Sql.LongAsync(conn, null, "INSERT INTO stories (status, first_seen, last_updated, title) VALUES ('open', 0, 0, @t) RETURNING id", Ct, ("t", title));

    private static async Task<long> FollowAsync(DbConnection conn, long storyId, string email, string status = "active", string kind = "story") =>
        await Sql.LongAsync(conn, null, "INSERT INTO story_follows (story_id, email, status, created_at, kind) VALUES (@s, @e, @st, 0, @k) RETURNING id",
            Ct, ("s", storyId), ("e", email), ("st", status), ("k", kind));

    private static async Task<List<(long Id, long Story, string Email, string Status)>> FollowsAsync(DbConnection conn) =>
        await Sql.QueryAsync(conn, null, "SELECT id, story_id, email, status FROM story_follows ORDER BY id",
            r => (r.Long("id")!.Value, r.Long("story_id")!.Value, r.Str("email")!, r.Str("status")!), Ct);

    private static Task MergeAsync(Database db, long gone, long keep) =>
        new StoryStore(db, new ManualClock()).ApplyAsync(
            new StoryStore.GroupChanges([new Assignment(ArticleId: 1_000_000, StoryId: keep, Created: false, Duplicate: false, Merged: [gone])], [], []),
            ManualClock.DefaultStart, Ct);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_merge_moves_the_follows_of_the_merged_story_to_the_story_it_became_one_per_address(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var conn = await db.Database.OpenAsync(Ct);
        var gone = await StoryAsync(conn, "Talks begin");
        var keep = await StoryAsync(conn, "Talks begin in Geneva");
        var only = await FollowAsync(conn, gone, "only@example.test");
        var onlyThread = await FollowAsync(conn, gone, "only@example.test", kind: "thread");
        var both = await FollowAsync(conn, gone, "both@example.test");
        var bothKept = await FollowAsync(conn, keep, "both@example.test");
        var activeGone = await FollowAsync(conn, gone, "active@example.test");
        await FollowAsync(conn, keep, "active@example.test", status: "pending");
        var pendingGone = await FollowAsync(conn, gone, "pending@example.test", status: "pending");
        var pendingKept = await FollowAsync(conn, keep, "pending@example.test");

        await MergeAsync(db.Database, gone, keep);

        Assert.Equal(
            [
                (only, keep, "only@example.test", "active"),
                (onlyThread, keep, "only@example.test", "active"),
                (both, gone, "both@example.test", "ended"),
                (bothKept, keep, "both@example.test", "active"),
                (activeGone, keep, "active@example.test", "active"),
                (pendingGone, gone, "pending@example.test", "ended"),
                (pendingKept, keep, "pending@example.test", "active"),
            ],
            await FollowsAsync(conn));
        // Following the story it became again finds the follow the reader has, rather than starting a second one.
        var again = await new FollowStore(db.Database, new ManualClock()).UpsertAsync(keep, "only@example.test", 5.5, Ct);
        Assert.Equal(only, again.Id);
        Assert.Equal("active", again.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Deleting_a_story_deletes_its_follows_and_a_follow_of_no_story_is_refused(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var conn = await db.Database.OpenAsync(Ct);
        var deleted = await StoryAsync(conn, "Talks begin");
        var kept = await StoryAsync(conn, "Storm nears the coast");
        await FollowAsync(conn, deleted, "reader@example.test");
        var thread = await FollowAsync(conn, deleted, "reader@example.test", kind: "thread");
        await Sql.ExecuteAsync(conn, null, "INSERT INTO story_follow_told (follow_id, story_id, told_at) VALUES (@f, @s, 0)", Ct, ("f", thread), ("s", kept));
        var other = await FollowAsync(conn, kept, "reader@example.test");

        await Sql.ExecuteAsync(conn, null, "DELETE FROM stories WHERE id = @id", Ct, ("id", deleted));

        Assert.Equal([(other, kept, "reader@example.test", "active")], await FollowsAsync(conn));
        Assert.Equal(0L, await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM story_follow_told", Ct));
        await Assert.ThrowsAnyAsync<DbException>(() => FollowAsync(conn, deleted, "late@example.test"));
        Assert.Single(await FollowsAsync(conn));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Upgrading_a_store_moves_follows_of_merged_stories_drops_those_of_deleted_ones_and_keeps_what_readers_were_told(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        long follow, merged, keep, told, survivorFollow, twin;
        await using (var conn = await db.Database.OpenAsync(Ct))
        {
            // Rows as a store before the key could hold them: follows of a story deleted by hand, follows left on merged stories.
            if (engine == "postgres")
            {
                await Sql.ExecuteAsync(conn, null, "ALTER TABLE story_follows DROP CONSTRAINT story_follows_story_fk", Ct);
            }
            else
            {
                await Sql.ExecuteAsync(conn, null, "PRAGMA foreign_keys = OFF", Ct);
            }
            await Sql.ExecuteAsync(conn, null, "DELETE FROM schema_migrations WHERE version >= 290", Ct);
            keep = await StoryAsync(conn, "Talks begin in Geneva");
            merged = await StoryAsync(conn, "Talks begin");
            var older = await StoryAsync(conn, "Delegates arrive");
            var gone = await StoryAsync(conn, "Talks stall");
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET status = 'merged', merged_into = @k WHERE id = @m", Ct, ("k", keep), ("m", merged));
            // An older chain: merged into a story that was itself merged later.
            await Sql.ExecuteAsync(conn, null, "UPDATE stories SET status = 'merged', merged_into = @m WHERE id = @o", Ct, ("m", merged), ("o", older));
            follow = await FollowAsync(conn, merged, "reader@example.test", kind: "thread");
            told = await StoryAsync(conn, "Talks resume");
            await Sql.ExecuteAsync(conn, null, "INSERT INTO story_follow_told (follow_id, story_id, told_at) VALUES (@f, @s, 0)", Ct, ("f", follow), ("s", told));
            survivorFollow = await FollowAsync(conn, keep, "twin@example.test");
            twin = await FollowAsync(conn, older, "twin@example.test");
            await FollowAsync(conn, older, "chain@example.test");
            await FollowAsync(conn, merged, "chain@example.test");
            await FollowAsync(conn, gone, "orphan@example.test");
            await Sql.ExecuteAsync(conn, null, "DELETE FROM stories WHERE id = @id", Ct, ("id", gone));
            Assert.Equal(6, (await FollowsAsync(conn)).Count);
        }

        var applied = await db.Database.MigrateAsync(Ct);

        Assert.Contains("0290_story_follow_keys", applied);
        await using var after = await db.Database.OpenAsync(Ct);
        var rows = await FollowsAsync(after);
        Assert.DoesNotContain(rows, r => r.Email == "orphan@example.test");
        Assert.Contains((follow, keep, "reader@example.test", "active"), rows);
        Assert.Contains((survivorFollow, keep, "twin@example.test", "active"), rows);
        Assert.Contains(rows, r => r.Id == twin && r.Story != keep);
        // Two merged stories' follows of one address meet at the survivor: one moves, the other stays where it was.
        Assert.Single(rows, r => r.Email == "chain@example.test" && r.Story == keep);
        Assert.Equal(2, rows.Count(r => r.Email == "chain@example.test"));
        Assert.Equal(told, await Sql.LongAsync(after, null, "SELECT story_id FROM story_follow_told WHERE follow_id = @f", Ct, ("f", follow)));
        await Sql.ExecuteAsync(after, null, "DELETE FROM stories WHERE id = @id", Ct, ("id", keep));
        Assert.DoesNotContain(await FollowsAsync(after), r => r.Story == keep);
        Assert.Equal(0L, await Sql.LongAsync(after, null, "SELECT COUNT(*) FROM story_follow_told", Ct));
    }
}
