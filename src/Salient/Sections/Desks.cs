using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Salient.Sections;

/// <summary>One of the twelve desks a story is filed under, with the IPTC Media Topics (top level) it stands for.</summary>
internal sealed record Desk(string Slug, string Name, IReadOnlyList<string> Iptc)
{
    /// <summary>The IPTC NewsCodes URI of each Media Topic the desk stands for.</summary>
    public IEnumerable<string> IptcUris => Iptc.Select(code => Desks.IptcBase + code);
}

/// <summary>
/// The fixed set of desks (<c>politics</c>, <c>business</c>, … <c>lifestyle</c>) and their mapping to the top level of
/// IPTC Media Topics, read from <c>Sections/Data/desks.json</c> inside the executable.
/// </summary>
internal static class Desks
{
    public const string IptcBase = "http://cv.iptc.org/newscodes/mediatopic/";

    /// <summary>The slugs in their fixed order (the order of the classifier's outputs).</summary>
    public static readonly IReadOnlyList<string> Slugs =
        ["politics", "business", "technology", "science", "health", "environment", "conflict", "crime", "society", "culture", "sports", "lifestyle"];

    private static readonly Lazy<IReadOnlyList<Desk>> Loaded = new(Load);

    public static IReadOnlyList<Desk> All => Loaded.Value;

    /// <summary>The desk with this slug (exact, lower case), or null.</summary>
    public static Desk? Find(string? slug) => slug is null ? null : All.FirstOrDefault(d => string.Equals(d.Slug, slug, StringComparison.Ordinal));

    public static int IndexOf(string slug)
    {
        for (var i = 0; i < Slugs.Count; i++)
        {
            if (string.Equals(Slugs[i], slug, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static IReadOnlyList<Desk> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Salient.Sections.desks.json")
            ?? throw new SalientException("the desk list (Sections/Data/desks.json) is missing from the executable; rebuild Salient");
        var file = JsonSerializer.Deserialize<DeskFile>(stream) ?? throw new SalientException("the desk list is empty; rebuild Salient");
        var desks = file.Desks.Select(d => new Desk(d.Slug, d.Name, d.Iptc)).ToList();
        if (!desks.Select(d => d.Slug).SequenceEqual(Slugs, StringComparer.Ordinal))
        {
            throw new SalientException("the desk list (Sections/Data/desks.json) does not hold the twelve desks in order; restore it");
        }
        return desks;
    }

    private sealed class DeskFile
    {
        [JsonPropertyName("desks")]
        public List<DeskEntry> Desks { get; set; } = [];
    }

    private sealed class DeskEntry
    {
        [JsonPropertyName("slug")]
        public string Slug { get; set; } = "";

        [JsonPropertyName("name")]
        public string Name { get; set; } = "";

        [JsonPropertyName("iptc")]
        public List<string> Iptc { get; set; } = [];
    }
}
