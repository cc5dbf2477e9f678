using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Salient.Sections;

/// <summary>A country of the gazetteer: its ISO 3166-1 alpha-2 code, name, and UN region and sub-region.</summary>
internal sealed record Country(string Code, string Name, string Region, string Subregion);

/// <summary>
/// Tells which countries a story is about from the names in its title and text: country names and their usual
/// spellings, demonyms ("Ukrainian", "Ukrainians"), capitals, large cities, the subdivisions of a few federal countries,
/// and organisations and people that stand for a country ("Kremlin", "Bundestag"). Built from
/// <c>Sections/Data/gazetteer.json</c> inside the executable (see its LICENSES.md). Names match whole words and their case;
/// the longest name at a place wins ("New Mexico" is not Mexico, "Latin America" is no country).
/// </summary>
internal sealed partial class Gazetteer
{
    private const double TitleWeight = 3;
    private const double TextWeight = 1;

    // Where a thing happened weighs more than who took part: a country's own name, a city or a subdivision names the
    // place; a demonym ("Russian troops") more often an actor; a capital ("Moscow says") and an organisation or a
    // leader ("Kremlin", "Putin") most often the actor speaking.
    private const double NameWeight = 1;
    private const double PlaceWeight = 1;
    private const double DemonymWeight = 0.8;
    private const double ActorWeight = 0.6;

    /// <summary>A country is named after the first when it has at least this share of the first's weight.</summary>
    private const double SecondaryShare = 0.34;

    public const int MaxCountries = 4;

    /// <summary>How much of the title and of the text is read.</summary>
    public const int TextChars = 4000;

    private readonly Dictionary<string, (string? Code, double Weight)> _phrases = new(StringComparer.Ordinal);
    private readonly int _longest;

    public IReadOnlyDictionary<string, Country> Countries { get; }

    /// <summary>Names that look like places but are none, matched so that their words are not taken for a country.</summary>
    private static readonly string[] NotCountries =
    [
        "Latin America", "South America", "Central America", "North America", "Latin American", "South American", "Central American",
        "North American", "Latin Americans", "South Americans", "Central Americans", "North Americans", "Native American", "Native Americans",
        "American Samoa", "New England", "Indian Ocean", "Indian Premier League", "Guinea pig", "Turkey Day", "French fries", "Dutch oven",
        "Swiss cheese", "Jordan Peterson", "Michael Jordan",
    ];

    public Gazetteer(GazetteerFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Countries = file.Countries.ToDictionary(c => c.Code, c => new Country(c.Code, c.Name, c.Region, c.Subregion), StringComparer.Ordinal);
        foreach (var c in file.Countries)
        {
            foreach (var name in c.Names)
            {
                Add(name, c.Code, NameWeight);
            }
            foreach (var name in c.Demonyms)
            {
                Add(name, c.Code, DemonymWeight);
            }
            foreach (var capital in c.Capitals)
            {
                Add(capital, c.Code, ActorWeight);
            }
        }
        foreach (var (name, code) in file.Places)
        {
            if (Countries.ContainsKey(code))
            {
                Add(name, code, PlaceWeight);
            }
        }
        foreach (var (name, code) in file.Actors)
        {
            if (Countries.ContainsKey(code))
            {
                Add(name, code, ActorWeight);
            }
        }
        foreach (var name in NotCountries)
        {
            _phrases[Key(Tokens(name))] = (null, 0);
        }
        _longest = _phrases.Keys.Max(k => k.Count(ch => ch == ' ') + 1);
    }

    private void Add(string name, string code, double weight)
    {
        var tokens = Tokens(name);
        if (tokens.Count == 0)
        {
            return;
        }
        // The first source of a name wins: a country's own names before cities and organisations.
        _phrases.TryAdd(Key(tokens), (code, weight));
    }

    private static readonly Lazy<Gazetteer> ShippedGazetteer = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Salient.Sections.gazetteer.json")
            ?? throw new SalientException("the gazetteer (Sections/Data/gazetteer.json) is missing from the executable; rebuild Salient");
        return new Gazetteer(JsonSerializer.Deserialize<GazetteerFile>(stream) ?? throw new SalientException("the gazetteer is empty; rebuild Salient"));
    });

    /// <summary>The gazetteer that ships inside the executable.</summary>
    public static Gazetteer Shipped => ShippedGazetteer.Value;

    /// <summary>
    /// The countries a story is about, most central first: each name found counts for its country (three times in the
    /// title, once in the text; a country's name, a city or a subdivision more than a demonym, a capital or an organisation); the
    /// countries with at least a third of the first's weight are named, at most <see cref="MaxCountries"/>. When neither
    /// title nor text names a place, the outlets' countries stand in (the most frequent first).
    /// </summary>
    public IReadOnlyList<string> CountriesOf(string? title, string? text, IReadOnlyList<string?>? outletCountries = null)
    {
        var weights = new Dictionary<string, (double Weight, int First)>(StringComparer.Ordinal);
        var order = 0;
        Count(title is { Length: > TextChars } ? title[..TextChars] : title, TitleWeight, weights, ref order);
        if (!string.IsNullOrEmpty(text))
        {
            Count(text.Length > TextChars ? text[..TextChars] : text, TextWeight, weights, ref order);
        }
        if (weights.Count > 0)
        {
            var ranked = weights.OrderByDescending(w => w.Value.Weight).ThenBy(w => w.Value.First).ToList();
            var top = ranked[0].Value.Weight;
            return ranked.Where(w => w.Value.Weight >= top * SecondaryShare).Take(MaxCountries).Select(w => w.Key).ToList();
        }
        if (outletCountries is null)
        {
            return [];
        }
        return outletCountries.Where(c => c is not null && Countries.ContainsKey(c.ToUpperInvariant()))
            .Select(c => c!.ToUpperInvariant()).GroupBy(c => c, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(1).Select(g => g.Key).ToList();
    }

    private void Count(string? text, double weight, Dictionary<string, (double Weight, int First)> weights, ref int order)
    {
        var tokens = Tokens(text);
        for (var i = 0; i < tokens.Count;)
        {
            var matched = 0;
            for (var n = Math.Min(_longest, tokens.Count - i); n >= 1; n--)
            {
                if (_phrases.TryGetValue(Key(tokens, i, n), out var hit))
                {
                    if (hit.Code is { } code)
                    {
                        var w = weight * hit.Weight;
                        weights[code] = weights.TryGetValue(code, out var old) ? (old.Weight + w, old.First) : (w, order++);
                    }
                    matched = n;
                    break;
                }
            }
            i += Math.Max(1, matched);
        }
    }

    private static string Key(List<string> tokens) => string.Join(' ', tokens);

    private static string Key(List<string> tokens, int start, int count) => string.Join(' ', tokens.Skip(start).Take(count));

    /// <summary>Words as names are matched: hyphens split words, a possessive 's is dropped, dots stay inside abbreviations (U.S.).</summary>
    internal static List<string> Tokens(string? text)
    {
        var result = new List<string>();
        foreach (Match m in Word().Matches(text ?? ""))
        {
            var w = m.Value;
            if (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal))
            {
                w = w[..^2];
            }
            w = w.TrimEnd('\'', '’');
            if (w.EndsWith('.') && w.IndexOf('.', StringComparison.Ordinal) == w.Length - 1)
            {
                w = w[..^1];
            }
            if (w.Length > 0)
            {
                result.Add(w);
            }
        }
        return result;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{M}\p{N}.'’]*")]
    private static partial Regex Word();
}

/// <summary>The gazetteer as stored (<c>tools/gazetteer/make-gazetteer.py</c> writes it).</summary>
internal sealed class GazetteerFile
{
    [JsonPropertyName("countries")]
    public List<GazetteerCountry> Countries { get; set; } = [];

    /// <summary>Cities and subdivisions, each with its country.</summary>
    [JsonPropertyName("places")]
    public Dictionary<string, string> Places { get; set; } = [];

    /// <summary>Organisations, institutions and leaders, each with the country it stands for.</summary>
    [JsonPropertyName("actors")]
    public Dictionary<string, string> Actors { get; set; } = [];
}

internal sealed class GazetteerCountry
{
    [JsonPropertyName("code")]
    public string Code { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("names")]
    public List<string> Names { get; set; } = [];

    [JsonPropertyName("demonyms")]
    public List<string> Demonyms { get; set; } = [];

    [JsonPropertyName("capitals")]
    public List<string> Capitals { get; set; } = [];

    [JsonPropertyName("region")]
    public string Region { get; set; } = "";

    [JsonPropertyName("subregion")]
    public string Subregion { get; set; } = "";
}
