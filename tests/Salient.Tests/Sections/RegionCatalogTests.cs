using Salient.Sections;

namespace Salient.Tests.Sections;

public sealed class RegionCatalogTests
{
    private static RegionCatalog Catalog(SectionsOptions? options = null) => new(Gazetteer.Shipped, options ?? new SectionsOptions());

    [Theory]
    [InlineData("africa", "NG", "US")]
    [InlineData("asia", "JP", "FR")]
    [InlineData("europe", "FR", "BR")]
    [InlineData("middle-east", "IL", "IN")]
    [InlineData("north-america", "MX", "AR")]
    [InlineData("south-america", "AR", "US")]
    [InlineData("oceania", "NZ", "JP")]
    [InlineData("western-europe", "FR", "PL")]
    [InlineData("eastern-europe", "UA", "FR")]
    [InlineData("ua", "UA", "RU")]
    public void Each_fixed_region_sub_region_and_country_holds_its_countries(string slug, string member, string outsider)
    {
        var region = Catalog().Find(slug);

        Assert.NotNull(region);
        Assert.Contains(member, region.Countries);
        Assert.DoesNotContain(outsider, region.Countries);
    }

    [Fact]
    public void A_region_of_ones_own_comes_from_configuration_under_its_slug()
    {
        var options = new SectionsOptions();
        options.Regions["nordics"] = new RegionSetting { Name = "Nordics", Countries = ["SE", "no", " DK ", "FI", "IS"] };

        var region = Catalog(options).Find("Nordics");

        Assert.NotNull(region);
        Assert.Equal("Nordics", region.Name);
        Assert.Equal(["SE", "NO", "DK", "FI", "IS"], region.Countries);
        Assert.Equal("nordics", Catalog(options).All.First().Slug);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc/passwd")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("europe; DROP TABLE stories")]
    [InlineData("eur%6fpe")]
    [InlineData("-europe")]
    [InlineData("eurôpe")]
    [InlineData("atlantis")]
    [InlineData(null)]
    public void A_hostile_or_unknown_slug_is_no_region(string? slug)
    {
        Assert.Null(Catalog().Find(slug));
        Assert.Null(Catalog().Find(new string('a', 100_000)));
    }

    [Fact]
    public void Configuration_that_names_no_country_or_an_unknown_one_or_a_bad_slug_is_refused_naming_the_key()
    {
        var unknown = new SectionsOptions();
        unknown.Regions["nordics"] = new RegionSetting { Countries = ["SE", "XX"] };
        var empty = new SectionsOptions();
        empty.Regions["nordics"] = new RegionSetting();
        var slug = new SectionsOptions();
        slug.Regions["no rdics"] = new RegionSetting { Countries = ["SE"] };
        var threshold = new SectionsOptions();
        threshold.Thresholds["science"] = 11;

        Assert.Contains("Sections:Regions:nordics:Countries: 'XX'", Assert.Throws<SalientException>(unknown.Validate).Message, StringComparison.Ordinal);
        Assert.Contains("Sections:Regions:nordics:Countries is empty", Assert.Throws<SalientException>(empty.Validate).Message, StringComparison.Ordinal);
        Assert.Contains("Sections:Regions:no rdics", Assert.Throws<SalientException>(slug.Validate).Message, StringComparison.Ordinal);
        Assert.Contains("Sections:Thresholds:science", Assert.Throws<SalientException>(threshold.Validate).Message, StringComparison.Ordinal);
    }
}
