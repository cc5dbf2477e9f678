using Salient.Significance;

namespace Salient.Tests.Significance;

public sealed class OutletTiersTests
{
    private static readonly OutletTiers Tiers = new([
        ("Reuters World", "https://www.reuters.com", 1),
        ("Reuters Business", "https://www.reuters.com/business", 1),
        ("BBC News", "https://www.bbc.co.uk/news", 1),
        ("Global Times", "https://www.globaltimes.cn", 3),
        ("The Hill", "https://thehill.com", 2),
    ]);

    [Theory]
    [InlineData("Reuters World", 1)]
    [InlineData("reuters world", 1)]
    [InlineData("Reuters", 1)]
    [InlineData("reuters.com", 1)]
    [InlineData("https://www.reuters.com/world/some-story", 1)]
    [InlineData("news.bbc.co.uk", 1)]
    [InlineData("Global Times", 3)]
    [InlineData("globaltimes.cn", 3)]
    [InlineData("Hill", 2)]
    [InlineData("the hill", 2)]
    [InlineData("Unknown Gazette", 2)]
    [InlineData("unknown-site.example", 2)]
    [InlineData("", 2)]
    [InlineData(null, 2)]
    [InlineData("http://[broken", 2)]
    public void Outlet_tier_is_found_by_name_or_domain_and_unknown_outlets_get_the_middle_tier(string? outlet, int tier)
    {
        Assert.Equal(tier, Tiers.TierOf(outlet));
    }

    [Fact]
    public void Default_list_knows_the_wire_services()
    {
        Assert.Equal(OutletTiers.Top, OutletTiers.Default.TierOf("reuters.com"));
    }
}
