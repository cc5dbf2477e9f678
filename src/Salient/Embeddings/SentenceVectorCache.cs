namespace Salient.Embeddings;

/// <summary>
/// Sentence vectors kept in memory by their text, so a story that is written again (it gained an article) embeds
/// only the sentences it has not seen: each article's sentences are embedded once while they are in the cache.
/// Least recently used entries leave first; <see cref="DefaultCapacity"/> sentences take about 31 MB. Thread-safe.
/// </summary>
internal sealed class SentenceVectorCache
{
    /// <summary>Sentences kept: about a day of multi-article stories' sentences.</summary>
    public const int DefaultCapacity = 20_000;

    private readonly Func<IReadOnlyList<string>, CancellationToken, float[][]> _embed;
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Text, float[] Vector)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Text, float[] Vector)> _recency = new();
    private readonly Lock _gate = new();
    private long _hits;
    private long _misses;

    public SentenceVectorCache(Func<IReadOnlyList<string>, CancellationToken, float[][]> embed, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(embed);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _embed = embed;
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Sentences answered from memory and sentences embedded, since the start.</summary>
    public (long Hits, long Misses) Counts => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>The vector of each text, in order: from memory when known, else embedded (each distinct new text once, in one call).</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                if (_entries.TryGetValue(texts[i], out var node))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    result[i] = node.Value.Vector;
                }
                else if (seen.Add(texts[i]))
                {
                    missing.Add(texts[i]);
                }
            }
        }
        Interlocked.Add(ref _hits, texts.Count - missing.Count);
        Interlocked.Add(ref _misses, missing.Count);
        if (missing.Count == 0)
        {
            return result;
        }
        var vectors = _embed(missing, ct);
        if (vectors.Length != missing.Count)
        {
            throw new InvalidOperationException($"the embedder returned {vectors.Length} vectors for {missing.Count} sentences");
        }
        var made = new Dictionary<string, float[]>(missing.Count, StringComparer.Ordinal);
        lock (_gate)
        {
            for (var k = 0; k < missing.Count; k++)
            {
                made[missing[k]] = vectors[k];
                if (_entries.TryGetValue(missing[k], out var existing))
                {
                    _recency.Remove(existing);
                    _recency.AddFirst(existing);
                    continue;
                }
                _entries[missing[k]] = _recency.AddFirst((missing[k], vectors[k]));
                while (_entries.Count > _capacity)
                {
                    var last = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(last.Value.Text);
                }
            }
        }
        for (var i = 0; i < texts.Count; i++)
        {
            result[i] ??= made[texts[i]];
        }
        return result;
    }
}
