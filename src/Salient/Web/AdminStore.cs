using System.Xml;
using System.Xml.Linq;
using Salient.Storage;
using Salient.Text;

namespace Salient.Web;

/// <summary>
/// What the admin changes and watches: sources, re-scoring, and the pipeline's queues, rates and errors. It checks
/// what the admin typed; the statements are in the stores it calls.
/// </summary>
internal sealed class AdminStore(SourceStore sources, StoryStore stories, StatsStore stats, TimeProvider clock)
{
    /// <summary>Adds a feed; false when its URL is already a source. The URL must be http(s).</summary>
    public async Task<bool> AddSourceAsync(string url, string? name, string? country, string? language, int tier, CancellationToken ct)
    {
        if (PlainText.SafeUrl(url) is not { } safe)
        {
            throw new ArgumentException($"'{url}' is not an http or https address", nameof(url));
        }
        if (SourceStore.UrlTooLong(safe) is { } tooLong)
        {
            throw new ArgumentException(tooLong, nameof(url));
        }
        if (tier is < 1 or > 3)
        {
            throw new ArgumentException("tier must be 1, 2 or 3", nameof(tier));
        }
        var display = string.IsNullOrWhiteSpace(name) ? new Uri(safe).Host : name.Trim();
        var (added, _) = await sources.AddAsync([new NewSource(safe, display, Country: Blank(country)?.ToUpperInvariant(), Language: Blank(language)?.ToLowerInvariant(), Tier: tier)],
            byUser: true, SourceStore.DefaultIntervalSeconds, ct).ConfigureAwait(false);
        return added > 0;
    }

    /// <summary>Removes a source (its articles stay) and remembers it as removed, so the default list never brings it back.</summary>
    public Task<bool> RemoveSourceAsync(long id, CancellationToken ct) => sources.RemoveAsync(id, ct);

    /// <summary>Adds every feed (outline with xmlUrl) of an OPML document; returns how many were new and how many known.</summary>
    public async Task<(int Added, int Known)> ImportOpmlAsync(Stream opml, CancellationToken ct)
    {
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(opml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 20_000_000 });
            doc = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new ArgumentException($"the file is not OPML: {e.Message}", nameof(opml), e);
        }
        var added = 0;
        var known = 0;
        foreach (var outline in doc.Descendants().Where(e => e.Name.LocalName == "outline"))
        {
            var url = (string?)outline.Attribute("xmlUrl");
            if (PlainText.SafeUrl(url) is not { } safe || SourceStore.UrlTooLong(safe) is not null)
            {
                continue;
            }
            var name = (string?)outline.Attribute("title") ?? (string?)outline.Attribute("text");
            if (await AddSourceAsync(url!, name, null, (string?)outline.Attribute("language"), 2, ct).ConfigureAwait(false))
            {
                added++;
            }
            else
            {
                known++;
            }
        }
        return (added, known);
    }

    /// <summary>Marks every live story's score stale, so the scoring stage rates them again; returns how many.</summary>
    public Task<int> RescoreAllAsync(CancellationToken ct) => stories.RescoreAllAsync(ct);

    public Task<StatsStore.PipelineStatus> StatusAsync(CancellationToken ct) => stats.PipelineStatusAsync(clock.GetUtcNow(), ct);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
