using System.Security.Cryptography;
using System.Text;
using Salient.Embeddings;

namespace Salient.Stories;

/// <summary>Keeps embeddings of evaluation texts in a file, keyed by a hash of the text, so repeated evaluations skip the model.</summary>
internal static class EmbeddingCache
{
    public static float[][] Embed(TextEmbedder embedder, IReadOnlyList<string> texts, string? path, CancellationToken ct)
    {
        if (path is null)
        {
            return embedder.Embed(texts, ct);
        }
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                var key = reader.ReadString();
                var n = reader.ReadInt32();
                var v = new float[n];
                for (var i = 0; i < n; i++)
                {
                    v[i] = reader.ReadSingle();
                }
                known[key] = v;
            }
        }
        var keys = texts.Select(Key).ToList();
        var missing = Enumerable.Range(0, texts.Count).Where(i => !known.ContainsKey(keys[i])).ToList();
        if (missing.Count > 0)
        {
            var fresh = embedder.Embed(missing.Select(i => texts[i]).ToList(), ct);
            using var writer = new BinaryWriter(new FileStream(path, FileMode.Append));
            for (var j = 0; j < missing.Count; j++)
            {
                var key = keys[missing[j]];
                if (known.TryAdd(key, fresh[j]))
                {
                    writer.Write(key);
                    writer.Write(fresh[j].Length);
                    foreach (var x in fresh[j])
                    {
                        writer.Write(x);
                    }
                }
            }
        }
        return keys.Select(k => known[k]).ToArray();
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TextEmbedder.Truncate(text))));
}
