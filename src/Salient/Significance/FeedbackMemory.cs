using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Salient.Significance;

/// <summary>
/// What feedback taught about particular stories, kept in the model: each story's embedding and how far the
/// refitted model still misses the score its verdicts asked for. A story scored later moves by the misses of the
/// feedback stories it resembles (cosine similarity above <see cref="Similarity"/>, fully at 1, the same story
/// or the same event retold), weighed by votes; a story like none of them is not touched. This is what lets a
/// handful of verdicts correct the stories they were about without redrawing the scale for every other story.
/// </summary>
internal sealed class FeedbackMemory
{
    /// <summary>Below this similarity a feedback story says nothing about another.</summary>
    public double Similarity { get; set; } = 0.8;

    public List<FeedbackPoint> Points { get; set; } = [];

    [JsonIgnore]
    private float[][] _vectors = [];

    /// <summary>A copy with the vectors decoded, ready to score with.</summary>
    public FeedbackMemory Prepared()
    {
        if (Similarity is not (> 0 and < 1))
        {
            throw new SalientException($"the model's feedback similarity is {Similarity}; it must be between 0 and 1 — retrain with 'salient train --feedback'");
        }
        var vectors = Points.Select(p => p.Decode()).ToArray();
        return new FeedbackMemory { Similarity = Similarity, Points = Points, _vectors = vectors };
    }

    /// <summary>How far feedback moves a story with this unit-length embedding (0 when it resembles no feedback story).</summary>
    public double Adjustment(ReadOnlySpan<float> embedding)
    {
        double sum = 0, weights = 0, nearest = 0;
        for (var i = 0; i < _vectors.Length; i++)
        {
            var v = _vectors[i];
            if (v.Length != embedding.Length)
            {
                continue;
            }
            var sim = TensorPrimitives.Dot(embedding, v);
            if (sim <= Similarity)
            {
                continue;
            }
            var k = Math.Min(1, (sim - Similarity) / (1 - Similarity));
            var w = k * Points[i].Votes;
            sum += w * Points[i].Delta;
            weights += w;
            nearest = Math.Max(nearest, k);
        }
        return weights > 0 ? nearest * sum / weights : 0;
    }
}

/// <summary>One story with feedback: its embedding (float32, base64), the change its verdicts asked for beyond what the refit gave, and its votes.</summary>
internal sealed class FeedbackPoint
{
    public string Id { get; set; } = "";
    public string Vector { get; set; } = "";
    public double Delta { get; set; }
    public double Votes { get; set; } = 1;

    public static FeedbackPoint Of(string id, ReadOnlySpan<float> embedding, double delta, double votes) => new()
    {
        Id = id,
        Vector = Convert.ToBase64String(MemoryMarshal.AsBytes(embedding)),
        Delta = Math.Round(delta, 3),
        Votes = votes,
    };

    public float[] Decode()
    {
        try
        {
            return MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(Vector)).ToArray();
        }
        catch (FormatException e)
        {
            throw new SalientException($"the model's feedback story '{Id}' has an unreadable vector ({e.Message}); retrain with 'salient train --feedback'");
        }
    }
}
