using System.Globalization;
using Salient.Sections;
using Salient.Storage;
using Salient.Text;

namespace Salient.Digest;

/// <summary>A section a subscriber chose: a desk (<c>topic</c>) or a region by slug, with its own lowest score, or null for the section's default.</summary>
internal sealed record SectionChoice(string Kind, string Slug, double? Threshold)
{
    public const string Topic = "topic";
    public const string Region = "region";

    /// <summary>"topic:science=4.5" or "region:europe", the form <see cref="DigestSections.Parse"/> reads.</summary>
    public override string ToString() =>
        Threshold is { } t ? $"{Kind}:{Slug}={t.ToString("0.0##", CultureInfo.InvariantCulture)}" : $"{Kind}:{Slug}";
}

/// <summary>A chosen section as the digest selects by it: its heading, page, and the desk or countries it stands for.</summary>
internal sealed record DigestSection(SectionChoice Choice, string Name, string Path, string? Desk, IReadOnlyCollection<string>? Countries);

/// <summary>Stories of a digest under one heading: a chosen section, or none for the global edition.</summary>
internal sealed record DigestGroup(DigestSection? Section, IReadOnlyList<DigestStory> Stories);

/// <summary>
/// Reads and checks a subscriber's section choices against the desks and regions this site knows, and gives each its
/// lowest score: its own when the subscriber set one, else the section's (<c>Sections:Thresholds:{slug}</c>), else
/// the subscriber's threshold, the same order the section pages follow.
/// </summary>
internal sealed class DigestSections(RegionCatalog regions, SectionsOptions sections)
{
    /// <summary>Most sections one subscriber may choose.</summary>
    public const int MaxChoices = 20;

    private const string Syntax = "write a section as topic:SLUG or region:SLUG, optionally with its own lowest score, e.g. topic:science=4.5 or region:europe";

    /// <summary>Reads "topic:science=4.5", "region:europe" (any case); throws <see cref="ArgumentException"/> saying what is wrong and how to write it.</summary>
    public SectionChoice Parse(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (trimmed.Length == 0 || colon <= 0)
        {
            throw new ArgumentException($"'{PlainText.Shorten(trimmed, 60)}' is not a section; {Syntax}");
        }
        var kind = trimmed[..colon].Trim().ToLowerInvariant();
        var rest = trimmed[(colon + 1)..];
        double? threshold = null;
        var equals = rest.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            threshold = ParseThreshold(rest[(equals + 1)..], trimmed);
            rest = rest[..equals];
        }
        return Check(kind, rest, threshold);
    }

    /// <summary>A section score as a reader writes it: empty is none, else a number from 0 to 10.</summary>
    public static double? ParseThreshold(string? text, string section)
    {
        var t = text?.Trim() ?? string.Empty;
        if (t.Length == 0)
        {
            return null;
        }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value < 0 || value > 10)
        {
            throw new ArgumentException($"the lowest score of section '{PlainText.Shorten(section, 60)}' must be a number from 0 to 10, such as 4.5; got '{PlainText.Shorten(t, 20)}'");
        }
        return value;
    }

    /// <summary>A choice of a known desk or region, or an <see cref="ArgumentException"/> naming the slug and where the known ones are listed.</summary>
    public SectionChoice Check(string kind, string? slug, double? threshold)
    {
        var s = slug?.Trim().ToLowerInvariant() ?? string.Empty;
        var shown = PlainText.Shorten(slug?.Trim() ?? string.Empty, 60);
        if (threshold is { } t && (double.IsNaN(t) || t < 0 || t > 10))
        {
            throw new ArgumentException($"the lowest score of section {kind}:{shown} must be from 0 to 10");
        }
        switch (kind)
        {
            case SectionChoice.Topic:
                return Desks.Find(s) is null
                    ? throw new ArgumentException($"there is no topic '{shown}'; topics are {string.Join(", ", Desks.Slugs)}")
                    : new SectionChoice(SectionChoice.Topic, s, threshold);
            case SectionChoice.Region:
                return regions.Find(s) is null
                    ? throw new ArgumentException($"there is no region '{shown}'; regions are listed at /sections (areas such as europe or middle-east, sub-regions such as western-europe, a country by its code such as ua)")
                    : new SectionChoice(SectionChoice.Region, s, threshold);
            default:
                throw new ArgumentException($"'{PlainText.Shorten(kind, 20)}' is neither topic nor region; {Syntax}");
        }
    }

    /// <summary>The choices in order without repeats (a later repeat of a section replaces its score), at most <see cref="MaxChoices"/>.</summary>
    public static IReadOnlyList<SectionChoice> Distinct(IEnumerable<SectionChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var list = new List<SectionChoice>();
        foreach (var c in choices)
        {
            var at = list.FindIndex(x => x.Kind == c.Kind && x.Slug == c.Slug);
            if (at >= 0)
            {
                list[at] = c;
            }
            else
            {
                list.Add(c);
            }
        }
        if (list.Count > MaxChoices)
        {
            throw new ArgumentException($"{list.Count} sections were chosen; choose at most {MaxChoices}");
        }
        return list;
    }

    /// <summary>The section a stored choice stands for, or null when the site no longer knows it (a region taken out of the configuration).</summary>
    public DigestSection? Resolve(SectionChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (choice.Kind == SectionChoice.Topic && Desks.Find(choice.Slug) is { } desk)
        {
            return new DigestSection(choice, desk.Name, $"/topic/{desk.Slug}", desk.Slug, null);
        }
        if (choice.Kind == SectionChoice.Region && regions.Find(choice.Slug) is { } region)
        {
            return new DigestSection(choice, region.Name, $"/region/{region.Slug}", null, region.Countries);
        }
        return null;
    }

    /// <summary>The lowest score of a chosen section: the subscriber's for it, else the section's own, else the subscriber's threshold.</summary>
    public double ThresholdOf(SectionChoice choice, double subscriberThreshold)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return choice.Threshold ?? (sections.Thresholds.TryGetValue(choice.Slug, out var own) ? own : subscriberThreshold);
    }
}
