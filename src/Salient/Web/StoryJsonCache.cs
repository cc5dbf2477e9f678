using System.Text.Json;
using Salient.Sections;
using Salient.Storage;

namespace Salient.Web;

/// <summary>
/// Each story's JSON as <c>/api/stories</c> lists it, kept with the card it was written from (its text, score,
/// percentile and everything else <see cref="ApiEndpoints.StoryJson"/> reads) and the site's address: a list writes
/// again only the stories whose card changed, and copies the others' bytes.
/// </summary>
internal sealed class StoryJsonCache(RegionCatalog regions)
{
    /// <summary>A day is some 9,000 stories; past this many the cache starts over.</summary>
    internal const int MaxEntries = 20_000;

    private readonly Dictionary<long, (StoryCard Card, string BaseUrl, byte[] Json)> _json = [];
    private readonly Lock _gate = new();

    /// <summary>The story as JSON: the kept bytes when they were written from an equal card and the same address, else written now.</summary>
    public byte[] Get(StoryCard card, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(card);
        lock (_gate)
        {
            // Records compare every field: the text, score, percentile and times by value, the parsed lists by reference
            // (a card read again is a new one), so an equal card is one whose JSON cannot differ.
            if (_json.TryGetValue(card.Id, out var kept) && kept.Card.Equals(card) && string.Equals(kept.BaseUrl, baseUrl, StringComparison.Ordinal))
            {
                return kept.Json;
            }
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(ApiEndpoints.StoryJson(card, baseUrl, regions), ApiEndpoints.Json);
        lock (_gate)
        {
            if (_json.Count >= MaxEntries && !_json.ContainsKey(card.Id))
            {
                _json.Clear();
            }
            _json[card.Id] = (card, baseUrl, json);
        }
        return json;
    }

    /// <summary>How many stories' JSON is kept now.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _json.Count;
            }
        }
    }
}
