using Salient.Embeddings;

namespace Salient.Writing;

/// <summary>
/// Sentence vectors kept in a file between evaluation runs, so trying another setting of the writer does not
/// embed the same sentences again. Only for evaluation: the stage and the batch tool embed directly.
/// </summary>
internal sealed class SentenceVectorCache(TextEmbedder embedder, string path)
{
    private readonly Dictionary<string, float[]> _vectors = Load(path);
    private bool _dirty;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken ct)
    {
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var v = embedder.Embed(missing, ct);
            for (var i = 0; i < missing.Count; i++)
            {
                _vectors[missing[i]] = v[i];
            }
            _dirty = true;
        }
        return texts.Select(t => _vectors[t]).ToArray();
    }

    public void Save()
    {
        if (!_dirty)
        {
            return;
        }
        var tmp = path + ".tmp";
        using (var w = new BinaryWriter(File.Create(tmp)))
        {
            w.Write(_vectors.Count);
            foreach (var (text, v) in _vectors)
            {
                w.Write(text);
                w.Write(v.Length);
                foreach (var x in v)
                {
                    w.Write(x);
                }
            }
        }
        File.Move(tmp, path, overwrite: true);
        _dirty = false;
    }

    private static Dictionary<string, float[]> Load(string path)
    {
        var map = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return map;
        }
        using var r = new BinaryReader(File.OpenRead(path));
        var n = r.ReadInt32();
        for (var i = 0; i < n; i++)
        {
            var text = r.ReadString();
            var len = r.ReadInt32();
            var v = new float[len];
            for (var j = 0; j < len; j++)
            {
                v[j] = r.ReadSingle();
            }
            map[text] = v;
        }
        return map;
    }
}
