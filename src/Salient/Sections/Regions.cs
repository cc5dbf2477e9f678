using System.Text.RegularExpressions;

namespace Salient.Sections;

/// <summary>A region: a named set of countries (ISO 3166-1 alpha-2) with a URL slug.</summary>
internal sealed record Region(string Slug, string Name, string Kind, IReadOnlyList<string> Countries);

/// <summary>
/// Every region a reader can ask for: the fixed large areas (<c>africa</c>, <c>asia</c>, <c>europe</c>,
/// <c>middle-east</c>, <c>north-america</c>, <c>south-america</c>, <c>oceania</c>), the UN sub-regions
/// (<c>western-europe</c>, <c>eastern-africa</c>, …), each country by its code (<c>ua</c>), and the user's own from
/// <c>Sections:Regions</c>, which may also redefine a built-in one.
/// </summary>
internal sealed partial class RegionCatalog
{
    /// <summary>The Middle East as the news uses it (the UN has no such region).</summary>
    private static readonly string[] MiddleEast = ["AE", "BH", "CY", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE"];

    private readonly Dictionary<string, Region> _bySlug = new(StringComparer.Ordinal);

    public RegionCatalog(Gazetteer gazetteer, SectionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(options);
        var countries = gazetteer.Countries.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        List<string> Where(Func<Country, bool> p) => countries.Where(p).Select(c => c.Code).ToList();
        Add(new Region("africa", "Africa", "area", Where(c => c.Region == "Africa")));
        Add(new Region("asia", "Asia", "area", Where(c => c.Region == "Asia")));
        Add(new Region("europe", "Europe", "area", Where(c => c.Region == "Europe")));
        Add(new Region("middle-east", "Middle East", "area", [.. MiddleEast]));
        Add(new Region("north-america", "North America", "area",
            Where(c => c.Subregion is "North America" or "Central America" or "Caribbean")));
        Add(new Region("south-america", "South America", "area", Where(c => c.Subregion == "South America")));
        Add(new Region("oceania", "Oceania", "area", Where(c => c.Region == "Oceania")));
        foreach (var sub in countries.Select(c => c.Subregion).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var slug = Slugify(sub);
            if (!_bySlug.ContainsKey(slug))
            {
                Add(new Region(slug, sub, "sub-region", Where(c => c.Subregion == sub)));
            }
        }
        foreach (var c in countries)
        {
            Add(new Region(c.Code.ToLowerInvariant(), c.Name, "country", [c.Code]));
        }
        foreach (var (slug, setting) in options.Regions)
        {
            _bySlug[slug.ToLowerInvariant()] = new Region(slug.ToLowerInvariant(), string.IsNullOrWhiteSpace(setting.Name) ? slug : setting.Name.Trim(), "custom",
                setting.Countries.Select(x => x.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList());
        }
    }

    private void Add(Region region) => _bySlug[region.Slug] = region;

    /// <summary>Every region, areas and the user's first, then sub-regions, then countries.</summary>
    public IEnumerable<Region> All => _bySlug.Values.OrderBy(r => r.Kind switch { "custom" => 0, "area" => 1, "sub-region" => 2, _ => 3 }).ThenBy(r => r.Name, StringComparer.Ordinal);

    /// <summary>The region with this slug, or null (any case; anything not a plain slug is null).</summary>
    public Region? Find(string? slug) =>
        slug is { Length: > 0 and <= 64 } && SlugPattern().IsMatch(slug) && _bySlug.TryGetValue(slug.ToLowerInvariant(), out var r) ? r : null;

    /// <summary>
    /// The regions a story about <paramref name="countries"/> falls in, for its most central country first: the user's
    /// own, then the large areas, then the sub-regions (a country's own slug is its code, listed with the countries).
    /// </summary>
    public IReadOnlyList<string> Containing(IReadOnlyList<string> countries)
    {
        ArgumentNullException.ThrowIfNull(countries);
        var found = new List<string>();
        foreach (var country in countries)
        {
            foreach (var r in All.Where(r => r.Kind != "country" && r.Countries.Contains(country, StringComparer.Ordinal)))
            {
                if (!found.Contains(r.Slug, StringComparer.Ordinal))
                {
                    found.Add(r.Slug);
                }
            }
        }
        return found;
    }

    /// <summary>"Western Europe" → "western-europe".</summary>
    public static string Slugify(string name) =>
        string.Join('-', NonWord().Split(name.ToLowerInvariant()).Where(w => w.Length > 0));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]*$")]
    internal static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
