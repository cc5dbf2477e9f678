using Salient.Sources;

namespace Salient.Tests.Sources;

public sealed class OutletRegistryTests
{
    private static readonly OutletRegistry Tiers = new([
        new("Reuters World", "https://www.reuters.com", 1),
        new("Reuters Business", "https://www.reuters.com/business", 1),
        new("BBC News", "https://www.bbc.co.uk/news", 1),
        new("Global Times", "https://www.globaltimes.cn", 3),
        new("The Hill", "https://thehill.com", 2),
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
        Assert.Equal(OutletRegistry.Top, OutletRegistry.Default.TierOf("reuters.com"));
    }

    /// <summary>
    /// Every outlet of the default list, asked for by its name, its site, an article URL on its site, its name with
    /// an article URL, or its first word where that names no other outlet, has the one tier its entry says.
    /// </summary>
    [Fact]
    public void One_outlet_has_one_tier_wherever_it_is_asked_for()
    {
        var list = DefaultSources.Load();
        var registry = OutletRegistry.Default;
        var disagreements = new List<string>();
        foreach (var group in list.GroupBy(s => OutletRegistry.Domain(s.SiteUrl) ?? s.Name, StringComparer.OrdinalIgnoreCase))
        {
            // desks of one outlet (one web site) are one outlet: its most trusted desk's tier
            var tier = group.Min(s => s.Tier);
            foreach (var s in group)
            {
                var site = new Uri(s.SiteUrl!);
                var article = new Uri(site, "/2024/05/03/some-story").AbsoluteUri;
                var answers = new Dictionary<string, int>
                {
                    ["site"] = registry.TierOf(s.SiteUrl),
                    ["domain"] = registry.TierOf(site.Host),
                    ["article url"] = registry.TierOf(article),
                    ["name and article url"] = registry.TierOf(s.Name, article),
                    ["unknown name and article url"] = registry.TierOf("Some Desk", article),
                };
                foreach (var (how, got) in answers.Where(a => a.Value != tier))
                {
                    disagreements.Add($"{s.Name} by {how}: {got}, the list says {tier}");
                }
            }
        }
        // an outlet's name gives its own entry's tier, in both the one-argument and the two-argument form
        foreach (var s in list)
        {
            var byName = registry.Find(s.Name);
            if (byName is null || registry.TierOf(s.Name) != registry.TierOf(s.Name, null) || registry.TierOf(s.Name) != byName.Tier)
            {
                disagreements.Add($"{s.Name} by name: not found or two answers");
            }
            else if (string.Equals(byName.Name, s.Name, StringComparison.Ordinal) && byName.Tier != s.Tier)
            {
                disagreements.Add($"{s.Name} by name: {byName.Tier}, the list says {s.Tier}");
            }
        }
        Assert.Empty(disagreements);
    }

    [Fact]
    public void An_outlet_named_exactly_has_its_own_tier_not_that_of_another_desk_sharing_its_first_word()
    {
        var registry = new OutletRegistry([new("Politico", "https://www.politico.com", 2), new("Politico Europe", "https://www.politico.eu", 1)]);
        Assert.Equal(2, registry.TierOf("Politico"));
        Assert.Equal(2, registry.TierOf("Politico", "https://www.politico.com/news/x"));
        Assert.Equal(1, registry.TierOf("Politico Europe"));
        Assert.Equal(1, registry.TierOf("politico.eu"));
    }

    [Fact]
    public void Short_names_of_wire_services_answer_with_the_tier_of_their_entry_in_the_list()
    {
        var registry = OutletRegistry.Default;
        Assert.Equal(registry.TierOf("https://apnews.com"), registry.TierOf("AP"));
        Assert.Equal(registry.TierOf("https://apnews.com"), registry.TierOf(null, "https://ap.org/x"));
        Assert.Equal(registry.TierOf("https://www.france24.com/en/"), registry.TierOf("AFP"));
    }

    [Fact]
    public void A_users_source_stands_for_its_outlet_in_place_of_the_default_entry()
    {
        var mine = new Salient.Storage.Source(1, "https://www.reutersagency.com/feed/", "Reuters World", "https://www.reuters.com", "GB", "en", 3, "world",
            true, true, 900, null, null, DateTimeOffset.UnixEpoch, null, null, null, null, 0, 0);
        var registry = OutletRegistry.WithUserSources([mine]);
        Assert.Equal(3, registry.TierOf("Reuters World"));
        Assert.Equal(3, registry.TierOf("https://www.reuters.com/world/x"));
        Assert.Equal("GB", registry.Find("reuters.com")!.Country);
        Assert.Equal("world", registry.Find("reuters.com")!.Desk);
        Assert.Equal(OutletRegistry.Top, registry.TierOf("apnews.com"));
    }
}
