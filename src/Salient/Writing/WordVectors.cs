namespace Salient.Writing;

/// <summary>
/// Sentence vectors from words instead of a model: each content word (and each pair of adjacent content words) is
/// hashed into one of <see cref="Dimensions"/> slots, a word weighted by how rare it is among the texts written
/// together, and the vector is scaled to unit length, so the dot product of two vectors is their cosine word overlap.
/// What the extractive writer measures with them (closeness to the story's centre, support from other outlets,
/// repetition) is about shared facts, which shared words capture well; they cost microseconds where a MiniLM
/// sentence vector costs milliseconds.
/// </summary>
internal static class WordVectors
{
    public const int Dimensions = 4096;

    public static float[][] Of(IReadOnlyList<string> texts, CancellationToken ct = default)
    {
        var tokenised = new List<List<string>>(texts.Count);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            ct.ThrowIfCancellationRequested();
            var words = TextCleaner.Tokens(text).Where(t => !ExtractiveWriter.Stopwords.Contains(t)).ToList();
            tokenised.Add(words);
            foreach (var w in words.Distinct(StringComparer.Ordinal))
            {
                documentFrequency[w] = documentFrequency.GetValueOrDefault(w) + 1;
            }
        }
        var vectors = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var v = new float[Dimensions];
            var words = tokenised[i];
            for (var j = 0; j < words.Count; j++)
            {
                var weight = (float)Math.Log(1.0 + (double)texts.Count / documentFrequency[words[j]]);
                v[Slot(words[j])] += weight;
                if (j + 1 < words.Count)
                {
                    v[Slot(words[j] + " " + words[j + 1])] += 0.5f * weight;
                }
            }
            vectors[i] = Normalised(v);
        }
        return vectors;
    }

    /// <summary>A stable slot for a token (<see cref="string.GetHashCode()"/> changes between runs).</summary>
    private static int Slot(string token) => (int)(Salient.Text.StableHash.Fnv1a(token) % Dimensions);

    private static float[] Normalised(float[] v)
    {
        double sum = 0;
        foreach (var x in v)
        {
            sum += x * x;
        }
        if (sum > 0)
        {
            var scale = (float)(1 / Math.Sqrt(sum));
            for (var i = 0; i < v.Length; i++)
            {
                v[i] *= scale;
            }
        }
        return v;
    }
}
