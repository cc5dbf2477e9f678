using System.Text.Json;

namespace Salient.Writing;

/// <summary>
/// The credibility tier (1 best, 3 weakest) of an outlet named only by a name or URL, as in the batch tool's input:
/// looked up in the default source list by site host, then by name. Unknown outlets are tier 2.
/// </summary>
internal sealed class OutletTiers
{
    public const int Unknown = 2;

    private readonly Dictionary<string, int> _byHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, int Tier)> _byName = [];

    public static OutletTiers Default { get; } = Load();

    private static OutletTiers Load()
    {
        var tiers = new OutletTiers();
        // Wire services are the reference for plain, checked reporting.
        foreach (var (name, host) in new[] { ("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("AP", "ap.org"), ("AFP", "afp.com"), ("Agence France-Presse", "france24.com") })
        {
            tiers._byHost[host] = 1;
            tiers._byName.Add((name.ToLowerInvariant(), 1));
        }
        using var stream = typeof(OutletTiers).Assembly.GetManifestResourceStream("Salient.Sources.default-sources.json");
        if (stream is null)
        {
            return tiers;
        }
        try
        {
            using var doc = JsonDocument.Parse(stream);
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (!e.TryGetProperty("tier", out var t) || t.ValueKind != JsonValueKind.Number)
                {
                    continue;
                }
                var tier = t.GetInt32();
                if (e.TryGetProperty("site_url", out var site) && Uri.TryCreate(site.GetString(), UriKind.Absolute, out var uri))
                {
                    var host = Host(uri);
                    tiers._byHost[host] = Math.Min(tier, tiers._byHost.GetValueOrDefault(host, int.MaxValue));
                }
                if (e.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 } name)
                {
                    tiers._byName.Add((name.ToLowerInvariant(), tier));
                }
            }
        }
        catch (JsonException)
        {
            // The source list is our own file; a broken one leaves every outlet at the unknown tier.
        }
        return tiers;
    }

    private static string Host(Uri uri) => uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;

    public int Of(string? source, string? url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var host = Host(uri);
            while (host.Contains('.', StringComparison.Ordinal))
            {
                if (_byHost.TryGetValue(host, out var tier))
                {
                    return tier;
                }
                host = host[(host.IndexOf('.', StringComparison.Ordinal) + 1)..];
            }
        }
        if (!string.IsNullOrWhiteSpace(source))
        {
            var s = source.Trim().ToLowerInvariant();
            foreach (var (name, tier) in _byName)
            {
                if (name == s || name.StartsWith(s + " ", StringComparison.Ordinal) || s.StartsWith(name, StringComparison.Ordinal))
                {
                    return tier;
                }
            }
        }
        return Unknown;
    }
}
