namespace Salient.Storage;

/// <summary>
/// Stories as the site's lists show them (<see cref="StoryCard"/>: text cleaned of markup, JSON columns parsed), each
/// kept with the stamp of the row it was read from. A list reads only its stories' ids and stamps, and reads whole only
/// the stories whose stamp moved (see migration 0211: the card version goes up with every change the site shows).
/// </summary>
internal sealed class StoryCardCache
{
    /// <summary>A day is some 9,000 stories; past this many the cache starts over.</summary>
    internal const int MaxEntries = 20_000;

    /// <summary>What the card was read from: the row's card version and when its story was first seen (a story id used again is another story).</summary>
    internal readonly record struct Stamp(long CardVersion, long FirstSeen);

    private readonly Dictionary<long, (Stamp Stamp, StoryCard Card)> _cards = [];
    private readonly Lock _gate = new();

    /// <summary>The kept card of story <paramref name="id"/> when it was read from <paramref name="stamp"/>, else null.</summary>
    public StoryCard? TryGet(long id, Stamp stamp)
    {
        lock (_gate)
        {
            return _cards.TryGetValue(id, out var kept) && kept.Stamp == stamp ? kept.Card : null;
        }
    }

    public void Keep(StoryCard card, Stamp stamp)
    {
        ArgumentNullException.ThrowIfNull(card);
        lock (_gate)
        {
            if (_cards.Count >= MaxEntries && !_cards.ContainsKey(card.Id))
            {
                _cards.Clear();
            }
            _cards[card.Id] = (stamp, card);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _cards.Count;
            }
        }
    }
}
