using System.Data.Common;
using Salient.Digest;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

/// <summary>The subscriber store on both engines: what one call stores, it stores whole or not at all.</summary>
public sealed class DigestStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_section_that_fails_to_store_leaves_the_subscriber_and_their_sections_as_they_were_and_adds_no_new_one(string engine)
    {
        await using var f = await DigestFixture.CreateAsync(engine: engine);
        var ct = CancellationToken.None;
        var (reader, created) = await f.Store.UpsertAsync("reader@example.test", "daily", 7.5, confirmed: false, [new SectionChoice("topic", "science", 4.5)], ct);
        Assert.True(created);
        // The same section twice breaks the sections' key when the second row is inserted: a failure at store time,
        // after the subscriber row has been written.
        SectionChoice[] clash = [new("region", "europe", null), new("topic", "health", null), new("topic", "health", 6.0)];

        await Assert.ThrowsAnyAsync<DbException>(() => f.Store.UpsertAsync("reader@example.test", "weekly", 4, confirmed: true, clash, ct));
        await Assert.ThrowsAnyAsync<DbException>(() => f.Store.UpsertAsync("new@example.test", "weekly", 4, confirmed: true, clash, ct));

        var after = await f.Store.FindAsync(reader.Id, ct);
        Assert.Equal(reader, after);
        Assert.Equal(["topic:science=4.5"], (await f.Store.SectionsAsync(reader.Id, ct)).Select(c => c.ToString()));
        Assert.Null(await f.Store.FindAsync("new@example.test", ct));
        Assert.Equal(["reader@example.test"], (await f.Store.ListAsync(ct)).Select(s => s.Email));

        // The same call without the clash stores the subscriber and the sections together.
        var (changed, createdAgain) = await f.Store.UpsertAsync("reader@example.test", "weekly", 4, confirmed: true, clash[..2], ct);
        Assert.False(createdAgain);
        Assert.Equal(("weekly", 4.0, "confirmed"), (changed.Cadence, changed.Threshold, changed.Status));
        Assert.Equal(["region:europe", "topic:health"], (await f.Store.SectionsAsync(reader.Id, ct)).Select(c => c.ToString()));
        // Not given: the sections are kept; given empty: the whole edition.
        await f.Store.UpsertAsync("reader@example.test", null, 5, confirmed: false, ct);
        Assert.Equal(2, (await f.Store.SectionsAsync(reader.Id, ct)).Count);
        await f.Store.UpsertAsync("reader@example.test", null, null, confirmed: false, [], ct);
        Assert.Empty(await f.Store.SectionsAsync(reader.Id, ct));
    }
}
