using System.Security.Cryptography;
using System.Text;
using Salient.Embeddings;

namespace Salient.Significance;

/// <summary>
/// Embeddings of texts kept in a file between runs of <c>salient train</c> and <c>eval score</c>, so retraining
/// with other settings does not embed thousands of headlines again. Keyed by a SHA-256 of the text.
/// </summary>
internal sealed class EmbeddingCache
{
    private const int HashBytes = 32;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly string? _path;
    private bool _dirty;

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
        using var reader = new BinaryReader(File.OpenRead(path));
        var length = reader.BaseStream.Length;
        var record = HashBytes + TextEmbedder.Dimensions * sizeof(float);
        while (reader.BaseStream.Position + record <= length)
        {
            var key = Convert.ToHexString(reader.ReadBytes(HashBytes));
            var bytes = reader.ReadBytes(TextEmbedder.Dimensions * sizeof(float));
            cache._vectors[key] = TextEmbedder.FromBytes(bytes);
        }
        return cache;
    }

    /// <summary>Vectors for the texts, embedding only those not cached; saves the file when new ones were added.</summary>
    public float[][] Embed(TextEmbedder embedder, IReadOnlyList<string> texts, CancellationToken ct)
    {
        var keys = texts.Select(Key).ToArray();
        var missing = Enumerable.Range(0, texts.Count).Where(i => !_vectors.ContainsKey(keys[i])).Select(i => keys[i]).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var byKey = Enumerable.Range(0, texts.Count).GroupBy(i => keys[i], StringComparer.Ordinal).ToDictionary(g => g.Key, g => texts[g.First()], StringComparer.Ordinal);
            var vectors = embedder.Embed(missing.Select(k => byKey[k]).ToList(), ct);
            for (var i = 0; i < missing.Count; i++)
            {
                _vectors[missing[i]] = vectors[i];
            }
            _dirty = true;
            Save();
        }
        return keys.Select(k => _vectors[k]).ToArray();
    }

    private void Save()
    {
        if (_path is null || !_dirty)
        {
            return;
        }
        var tmp = _path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(tmp)))
        {
            foreach (var (key, vector) in _vectors.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.Write(Convert.FromHexString(key));
                writer.Write(TextEmbedder.ToBytes(vector));
            }
        }
        File.Move(tmp, _path, overwrite: true);
        _dirty = false;
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TextEmbedder.Truncate(text))));
}
