using System.Security.Cryptography;
using System.Text;

namespace Salient.Embeddings;

/// <summary>
/// Embeddings of texts kept in a file between runs of the batch tools and evaluations (<c>train</c>, <c>cluster</c>,
/// <c>eval score</c>, the writer's sentence vectors), so another run with other settings does not embed the same texts
/// again. Keyed by a SHA-256 of the text as the embedder reads it; new vectors are appended as they are made. A file
/// in any other format (or from another embedder size) is started again. Without a path it keeps vectors in memory only.
/// </summary>
internal sealed class EmbeddingCache
{
    private const int HashBytes = 32;
    private const int RecordBytes = HashBytes + TextEmbedder.Dimensions * sizeof(float);
    private static readonly byte[] Header = Encoding.ASCII.GetBytes($"salient-embeddings {TextEmbedder.Dimensions}\n");

    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly string? _path;

    private EmbeddingCache(string? path)
    {
        _path = path;
    }

    public static EmbeddingCache Open(string? path)
    {
        var cache = new EmbeddingCache(path);
        if (path is null || !File.Exists(path))
        {
            return cache;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var head = new byte[Header.Length];
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) != head.Length || !head.AsSpan().SequenceEqual(Header))
        {
            stream.SetLength(0);
            return cache;
        }
        var record = new byte[RecordBytes];
        while (stream.ReadAtLeast(record, RecordBytes, throwOnEndOfStream: false) == RecordBytes)
        {
            cache._vectors[Convert.ToHexString(record, 0, HashBytes)] = TextEmbedder.FromBytes(record.AsSpan(HashBytes).ToArray());
        }
        // a record cut short by an interrupted run is dropped, so the next ones are appended in step
        stream.SetLength(Header.Length + (long)cache._vectors.Count * RecordBytes);
        return cache;
    }

    /// <summary>How many vectors the cache holds.</summary>
    public int Count => _vectors.Count;

    /// <summary>Vectors for the texts, embedding only those not cached; new ones are added to the file.</summary>
    public float[][] Embed(TextEmbedder embedder, IReadOnlyList<string> texts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(texts);
        var keys = texts.Select(Key).ToArray();
        var missing = Enumerable.Range(0, texts.Count).Where(i => !_vectors.ContainsKey(keys[i])).DistinctBy(i => keys[i], StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var vectors = embedder.Embed(missing.Select(i => texts[i]).ToList(), ct);
            for (var j = 0; j < missing.Count; j++)
            {
                _vectors[keys[missing[j]]] = vectors[j];
            }
            Append(missing.Select((i, j) => (keys[i], vectors[j])));
        }
        return keys.Select(k => _vectors[k]).ToArray();
    }

    private void Append(IEnumerable<(string Key, float[] Vector)> records)
    {
        if (_path is null)
        {
            return;
        }
        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write);
        if (stream.Position == 0)
        {
            stream.Write(Header);
        }
        foreach (var (key, vector) in records)
        {
            stream.Write(Convert.FromHexString(key));
            stream.Write(TextEmbedder.ToBytes(vector));
        }
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TextEmbedder.Truncate(text))));
}
