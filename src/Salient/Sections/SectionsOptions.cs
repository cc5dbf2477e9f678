using Salient.Cli;

namespace Salient.Sections;

/// <summary>Configuration section <c>Sections</c>: the user's own regions, per-section thresholds and how full a quiet section is kept.</summary>
internal sealed class SectionsOptions : ISettings
{
    public const string Section = "Sections";

    /// <summary>Regions of one's own: <c>Sections:Regions:nordics:Name = "Nordics"</c>, <c>…:Countries = ["SE","NO","DK","FI","IS"]</c>.</summary>
    public Dictionary<string, RegionSetting> Regions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A section's own lowest score (<c>Sections:Thresholds:science = 4</c>); without one, the site's threshold.</summary>
    public Dictionary<string, double> Thresholds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A section page always shows at least this many of the section's top stories of the period, below the threshold if need be.</summary>
    public int MinStories { get; set; } = 5;

    /// <summary>Path of a desk model trained with <c>salient topics train</c>; empty means the one inside the executable.</summary>
    public string? ModelPath { get; set; }

    public void Validate()
    {
        if (MinStories is < 0 or > 100)
        {
            throw new SalientException($"Sections:MinStories must be from 0 to 100, got {MinStories}");
        }
        foreach (var (slug, setting) in Regions)
        {
            if (slug.Length > 64 || !RegionCatalog.SlugPattern().IsMatch(slug))
            {
                throw new SalientException($"Sections:Regions:{slug}: a region's key is its URL slug: letters, digits and hyphens, at most 64");
            }
            if (setting.Countries.Count == 0)
            {
                throw new SalientException($"Sections:Regions:{slug}:Countries is empty; list the region's countries as ISO 3166-1 alpha-2 codes, for example [\"SE\", \"NO\"]");
            }
            foreach (var code in setting.Countries)
            {
                if (!Gazetteer.Shipped.Countries.ContainsKey((code ?? "").Trim().ToUpperInvariant()))
                {
                    throw new SalientException($"Sections:Regions:{slug}:Countries: '{code}' is not an ISO 3166-1 alpha-2 country code (for example SE, NO, DK)");
                }
            }
        }
        foreach (var (slug, value) in Thresholds)
        {
            if (!double.IsFinite(value) || value is < 0 or > 10)
            {
                throw new SalientException($"Sections:Thresholds:{slug} must be a score from 0 to 10, got {value}");
            }
        }
    }
}

/// <summary>One user-defined region.</summary>
internal sealed class RegionSetting
{
    public string? Name { get; set; }

    public List<string> Countries { get; set; } = [];
}
