using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Storage;

public sealed class LeaseRenewalTests
{
    private static readonly LeaseQueue Sources = new("sources", "1 = 1", "id");

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_live_process_keeps_its_claims_past_the_lease_and_a_dead_ones_claims_are_free_within_one_lease(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddDays(20_000));
        var lease = TimeSpan.FromSeconds(45);
        await using var conn = await t.Database.OpenAsync(CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            await Sql.ExecuteAsync(conn, null, "INSERT INTO sources (url, name, created_at) VALUES (@u, 'feed', 0)", CancellationToken.None, ("u", $"https://f{i}.example/feed"));
        }
        Assert.Equal(2, await Leases.ClaimAsync(t.Database, clock, conn, Sources, "poll:live-1-aa:1", lease, 2, CancellationToken.None));
        Assert.Equal(2, await Leases.ClaimAsync(t.Database, clock, conn, Sources, "poll:dead-2-bb:1", lease, 2, CancellationToken.None));

        // The live process renews every 15 s; the dead one never does.
        for (var s = 15; s <= 60; s += 15)
        {
            clock.Advance(TimeSpan.FromSeconds(15));
            Assert.Equal(2, await Leases.RenewAsync(t.Database, clock, "live-1-aa", lease, CancellationToken.None));
        }

        // 60 s after the claims: the dead process's two sources are free, the live one's are still its own.
        Assert.Equal(2, await Leases.ClaimAsync(t.Database, clock, conn, Sources, "poll:other-3-cc:1", lease, 10, CancellationToken.None));
        var owners = await Sql.QueryAsync(conn, null, "SELECT lease_owner FROM sources ORDER BY id", r => r.Str("lease_owner"), CancellationToken.None);
        Assert.Equal(["poll:live-1-aa:1", "poll:live-1-aa:1", "poll:other-3-cc:1", "poll:other-3-cc:1"], owners);

        // A claim that lapsed is not brought back by a late renewal: whoever takes it next has it.
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(0, await Leases.RenewAsync(t.Database, clock, "live-1-aa", lease, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Leases.RenewAsync(t.Database, clock, "live%", lease, CancellationToken.None));
    }
}
