using Salient.Sections;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Sections;

/// <summary>Stories' sections stored and filtered on both engines.</summary>
public sealed class SectionStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_storys_sections_are_stored_read_back_and_found_by_desk_and_by_country(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var conn = await db.Database.OpenAsync(CancellationToken.None);
        var a = await Sql.LongAsync(conn, null, "INSERT INTO stories (status, first_seen, last_updated, version) VALUES ('open', 1, 1, 1) RETURNING id", CancellationToken.None);
        var b = await Sql.LongAsync(conn, null, "INSERT INTO stories (status, first_seen, last_updated, version) VALUES ('open', 1, 1, 1) RETURNING id", CancellationToken.None);
        var store = new SectionStore(db.Database, TimeProvider.System);
        await store.SaveAsync(a, new StorySections([new TopicScore("science", 0.81), new TopicScore("health", 0.24)], ["GB", "US"]), CancellationToken.None);
        await store.SaveAsync(b, new StorySections([new TopicScore("sports", 0.9)], []), CancellationToken.None);

        var read = await store.SectionsAsync(a, CancellationToken.None);
        var none = await store.SectionsAsync(b + 1000, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(["science", "health"], read.TopicSlugs);
        Assert.Equal(0.81, read.Topics[0].Confidence, 6);
        Assert.Equal(["GB", "US"], read.Countries);
        Assert.Null(none);
        Assert.Equal([a], await Ids(db, "health", null));
        Assert.Equal([a], await Ids(db, null, ["FR", "US"]));
        Assert.Equal([b], await Ids(db, "sports", null));
        Assert.Empty(await Ids(db, "sports", ["GB"]));
        Assert.Empty(await Ids(db, null, []));
    }

    private static async Task<List<long>> Ids(TestDatabase db, string? desk, string[]? countries)
    {
        var (where, args) = SectionStore.Filter(desk, countries);
        await using var conn = await db.Database.OpenAsync(CancellationToken.None);
        return await Sql.QueryAsync(conn, null, $"SELECT s.id FROM stories s WHERE {string.Join(" AND ", where)} ORDER BY s.id", r => r.Long("id")!.Value,
            CancellationToken.None, [.. args]);
    }
}
