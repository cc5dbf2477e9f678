using Salient.Storage;

namespace Salient.Sources;

/// <summary>One outlet of the source list: its name, web site, credibility tier, country and desk (category).</summary>
internal sealed record Outlet(string Name, string? SiteUrl, int Tier, string? Country = null, string? Desk = null);

/// <summary>
/// What Salient knows of an outlet named only by a name, a domain or a URL (as in the batch tools' input): its
/// credibility tier (1 = wire services and major papers, 2 = reputable, 3 = state-run, tabloid or partisan), its
/// country and its desk. Built on the source list: the default list that ships inside the executable and, where
/// given, the user's own sources. One outlet has one tier however it is asked for; unknown outlets get the middle tier.
/// </summary>
internal sealed class OutletRegistry
{
    public const int Top = 1;
    public const int Middle = 2;
    public const int Low = 3;

    /// <summary>Short names and old domains of outlets in the default list; each answers as the outlet whose site it names.</summary>
    private static readonly (string Alias, string Site)[] Aliases =
    [
        ("reuters", "reuters.com"), ("associated press", "apnews.com"), ("ap", "apnews.com"), ("ap.org", "apnews.com"),
        ("afp", "france24.com"), ("agence france-presse", "france24.com"), ("afp.com", "france24.com"),
    ];

    private readonly Dictionary<string, Outlet> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Outlet> _byDomain = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Outlet> _byFirstWord = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, Outlet Outlet)> _names = [];

    public OutletRegistry(IEnumerable<Outlet> outlets)
    {
        ArgumentNullException.ThrowIfNull(outlets);
        foreach (var o in outlets)
        {
            var outlet = o with { Tier = Math.Clamp(o.Tier, Top, Low) };
            var name = Normalise(outlet.Name);
            Keep(_byName, name, outlet);
            if (name.Length > 0)
            {
                _names.Add((name, outlet));
            }
            // "Reuters World" and "Reuters Business" also answer for "Reuters".
            if (FirstWord(outlet.Name) is { } first)
            {
                Keep(_byFirstWord, first, outlet);
            }
            if (Domain(outlet.SiteUrl) is { } domain)
            {
                Keep(_byDomain, domain, outlet);
            }
        }
        foreach (var (alias, site) in Aliases)
        {
            if (_byDomain.TryGetValue(site, out var outlet))
            {
                _byDomain.TryAdd(alias, outlet);
                _byName.TryAdd(alias, outlet);
            }
        }
    }

    private static readonly Lazy<OutletRegistry> DefaultList = new(() => From(DefaultSources.Load()));

    /// <summary>The outlets of the default source list that ships inside the executable.</summary>
    public static OutletRegistry Default => DefaultList.Value;

    /// <summary>The outlets of <paramref name="list"/>.</summary>
    public static OutletRegistry From(IEnumerable<DefaultSource> list) =>
        new(list.Select(s => new Outlet(s.Name, s.SiteUrl ?? s.Url, s.Tier is >= Top and <= Low ? s.Tier : Middle, s.Country, s.Category)));

    /// <summary>
    /// The default list with the user's own sources: a user's source stands for its outlet (same name or same web
    /// site) in place of the default entries, so the batch tools give an outlet the tier the pipeline gives it.
    /// </summary>
    public static OutletRegistry WithUserSources(IEnumerable<Source> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var user = sources.Select(s => new Outlet(s.Name, s.SiteUrl ?? s.Url, s.Tier, s.Country, s.Category)).ToList();
        var names = user.Select(u => Normalise(u.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var domains = user.Select(u => Domain(u.SiteUrl)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var defaults = DefaultSources.Load()
            .Select(s => new Outlet(s.Name, s.SiteUrl ?? s.Url, s.Tier is >= Top and <= Low ? s.Tier : Middle, s.Country, s.Category))
            .Where(d => !names.Contains(Normalise(d.Name)) && (Domain(d.SiteUrl) is not { } domain || !domains.Contains(domain)));
        return new OutletRegistry(user.Concat(defaults));
    }

    /// <summary>The tier of an outlet given by name, domain or URL; <see cref="Middle"/> when unknown.</summary>
    public int TierOf(string? outlet) => Find(outlet)?.Tier ?? Middle;

    /// <summary>The tier of an article's outlet: by the article's URL first, then by the outlet's name; <see cref="Middle"/> when unknown.</summary>
    public int TierOf(string? outlet, string? url) => Find(outlet, url)?.Tier ?? Middle;

    /// <summary>The outlet of an article: by the article's URL first, then by the outlet's name, domain or URL.</summary>
    public Outlet? Find(string? outlet, string? url) =>
        (url is not null && url.Contains("://", StringComparison.Ordinal) ? ByDomain(Domain(url)) : null) ?? Find(outlet);

    /// <summary>The outlet given by name, domain or URL, or null when it is not in the list.</summary>
    public Outlet? Find(string? outlet)
    {
        if (string.IsNullOrWhiteSpace(outlet))
        {
            return null;
        }
        var trimmed = outlet.Trim();
        var name = Normalise(trimmed);
        if (_byName.TryGetValue(name, out var found))
        {
            return found;
        }
        if (ByDomain(Domain(trimmed)) is { } byDomain)
        {
            return byDomain;
        }
        // "Le Monde" for "Le Monde International", "Reuters World Desk" for "Reuters World": whole words only.
        Outlet? best = null;
        var bestLength = 0;
        foreach (var (known, o) in _names)
        {
            if (known.StartsWith(name + " ", StringComparison.Ordinal))
            {
                best = best is null || o.Tier < best.Tier ? o : best;
                bestLength = int.MaxValue;
            }
            else if (bestLength != int.MaxValue && name.StartsWith(known + " ", StringComparison.Ordinal) && known.Length > bestLength)
            {
                (best, bestLength) = (o, known.Length);
            }
        }
        if (best is not null)
        {
            return best;
        }
        if (_byFirstWord.TryGetValue(name, out found))
        {
            return found;
        }
        return FirstWord(trimmed) is { } first && (_byName.TryGetValue(first, out found) || _byFirstWord.TryGetValue(first, out found)) ? found : null;
    }

    private Outlet? ByDomain(string? domain)
    {
        // news.bbc.co.uk → bbc.co.uk
        for (var d = domain; d is not null && d.Contains('.', StringComparison.Ordinal); d = d[(d.IndexOf('.', StringComparison.Ordinal) + 1)..])
        {
            if (_byDomain.TryGetValue(d, out var outlet))
            {
                return outlet;
            }
        }
        return null;
    }

    private static void Keep(Dictionary<string, Outlet> map, string key, Outlet outlet)
    {
        if (key.Length == 0)
        {
            return;
        }
        // When several entries share a key, the most trusted desk of that outlet wins.
        if (!map.TryGetValue(key, out var old) || outlet.Tier < old.Tier)
        {
            map[key] = outlet;
        }
    }

    private static string Normalise(string name)
    {
        var s = string.Join(' ', name.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return s.StartsWith("the ", StringComparison.Ordinal) ? s[4..] : s;
    }

    private static string? FirstWord(string name)
    {
        var words = Normalise(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && words[0].Length >= 3 ? words[0] : null;
    }

    /// <summary>The host of a URL or bare domain, lower case and without "www."; null for anything else.</summary>
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
}
