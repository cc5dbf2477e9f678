using System.Text.Json;

namespace Salient.Significance;

/// <summary>
/// The credibility tier (1 = wire services and major papers, 2 = reputable, 3 = state-run, tabloid or
/// partisan) of an outlet named in a batch file: matched by name or web domain against the default source list;
/// unknown outlets get the middle tier.
/// </summary>
internal sealed class OutletTiers
{
    public const int Top = 1;
    public const int Middle = 2;
    public const int Low = 3;

    private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _byDomain = new(StringComparer.OrdinalIgnoreCase);

    public OutletTiers(IEnumerable<(string Name, string? SiteUrl, int Tier)> outlets)
    {
        ArgumentNullException.ThrowIfNull(outlets);
        foreach (var (name, siteUrl, tier) in outlets)
        {
            var t = Math.Clamp(tier, Top, Low);
            Keep(_byName, Normalise(name), t);
            // "Reuters World" and "Reuters Business" also answer for "Reuters".
            var first = FirstWords(name);
            if (first is not null)
            {
                Keep(_byName, first, t);
            }
            var domain = Domain(siteUrl);
            if (domain is not null)
            {
                Keep(_byDomain, domain, t);
            }
        }
    }

    private static readonly Lazy<OutletTiers> DefaultList = new(LoadDefault);

    /// <summary>Tiers from the default source list that ships inside the executable.</summary>
    public static OutletTiers Default => DefaultList.Value;

    /// <summary>The tier of an outlet given by name, domain or URL; <see cref="Middle"/> when unknown.</summary>
    public int TierOf(string? outlet)
    {
        if (string.IsNullOrWhiteSpace(outlet))
        {
            return Middle;
        }
        var trimmed = outlet.Trim();
        if (_byName.TryGetValue(Normalise(trimmed), out var tier))
        {
            return tier;
        }
        var domain = Domain(trimmed);
        if (domain is not null)
        {
            // news.bbc.co.uk → bbc.co.uk
            for (var d = domain; d.Contains('.', StringComparison.Ordinal); d = d[(d.IndexOf('.', StringComparison.Ordinal) + 1)..])
            {
                if (_byDomain.TryGetValue(d, out tier))
                {
                    return tier;
                }
            }
        }
        var first = FirstWords(trimmed);
        if (first is not null && _byName.TryGetValue(first, out tier))
        {
            return tier;
        }
        return Middle;
    }

    private static void Keep(Dictionary<string, int> map, string key, int tier)
    {
        if (key.Length == 0)
        {
            return;
        }
        // When several entries share a key, the most trusted desk of that outlet wins.
        map[key] = map.TryGetValue(key, out var old) ? Math.Min(old, tier) : tier;
    }

    private static string Normalise(string name)
    {
        var s = name.Trim().ToLowerInvariant();
        if (s.StartsWith("the ", StringComparison.Ordinal))
        {
            s = s[4..];
        }
        return s;
    }

    private static string? FirstWords(string name)
    {
        var words = Normalise(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && words[0].Length >= 3 ? words[0] : null;
    }

    internal static string? Domain(string? urlOrDomain)
    {
        if (string.IsNullOrWhiteSpace(urlOrDomain))
        {
            return null;
        }
        var s = urlOrDomain.Trim();
        string host;
        if (s.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(s, UriKind.Absolute, out var uri))
            {
                return null;
            }
            host = uri.Host;
        }
        else if (s.Contains('.', StringComparison.Ordinal) && !s.Contains(' ', StringComparison.Ordinal))
        {
            host = s.Split('/')[0];
        }
        else
        {
            return null;
        }
        host = host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static OutletTiers LoadDefault()
    {
        using var stream = typeof(OutletTiers).Assembly.GetManifestResourceStream("Salient.Sources.default-sources.json");
        if (stream is null)
        {
            return new OutletTiers([]);
        }
        using var doc = JsonDocument.Parse(stream);
        var list = new List<(string, string?, int)>();
        if (doc.RootElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                var name = e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
                var site = e.TryGetProperty("site_url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                var tier = e.TryGetProperty("tier", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : Middle;
                list.Add((name, site, tier));
            }
        }
        return new OutletTiers(list);
    }
}
