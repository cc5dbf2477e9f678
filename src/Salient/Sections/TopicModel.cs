using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Salient.Embeddings;

namespace Salient.Sections;

/// <summary>A desk a story is filed under and how sure the classifier is (its probability, 0–1).</summary>
internal sealed record TopicScore(string Desk, double Confidence);

/// <summary>
/// The desk classifier: multinomial logistic regression over a story's MiniLM embedding and the desks of the outlets
/// that covered it (the share of its outlets on each desk of the source list: a hint the text can overrule, never the
/// answer). Weights ship inside the executable (<c>Sections/Model/topics.json</c>) and are retrained with
/// <c>salient topics train</c>.
/// </summary>
internal sealed class TopicModel
{
    public const string ResourceName = "Salient.Sections.topics.json";

    /// <summary>A second or third desk is named when the classifier gives it at least this probability.</summary>
    public const double SecondaryMinimum = 0.2;

    private readonly TopicModelFile _file;
    private readonly int[] _classToDesk;

    public TopicModel(TopicModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var features = FeatureCount(file.OutletDesks.Count);
        if (file.Desks.Count == 0 || file.Weights.Count != file.Desks.Count || file.Intercepts.Count != file.Desks.Count
            || file.Weights.Any(w => w.Length != features))
        {
            throw new SalientException($"the desk model has {file.Desks.Count} desks with weights of the wrong shape (expected {features} per desk); retrain it with 'salient topics train'");
        }
        _classToDesk = file.Desks.Select(d => Desks.IndexOf(d) is var i and >= 0 ? i
            : throw new SalientException($"the desk model names an unknown desk '{d}'; retrain it with 'salient topics train'")).ToArray();
        _file = file;
    }

    public TopicModelFile File => _file;

    private static readonly Lazy<TopicModel> ShippedModel = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new SalientException("the desk model (Sections/Model/topics.json) is missing from the executable; rebuild Salient or train one with 'salient topics train'");
        return new TopicModel(JsonSerializer.Deserialize<TopicModelFile>(stream) ?? throw new SalientException("the shipped desk model is empty; retrain it with 'salient topics train'"));
    });

    /// <summary>The model that ships inside the executable.</summary>
    public static TopicModel Shipped => ShippedModel.Value;

    public static TopicModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!System.IO.File.Exists(path))
        {
            throw new SalientException($"desk model {path} not found; train one with 'salient topics train --output {path}' or leave Sections:ModelPath empty for the shipped one");
        }
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            return new TopicModel(JsonSerializer.Deserialize<TopicModelFile>(stream) ?? throw new SalientException($"desk model {path} is empty"));
        }
        catch (JsonException e)
        {
            throw new SalientException($"desk model {path} is not a desk model ({e.Message}); retrain it with 'salient topics train'");
        }
    }

    public static int FeatureCount(int outletDesks) => TextEmbedder.Dimensions + outletDesks;

    /// <summary>The feature vector: the embedding, then the share of outlets on each outlet desk of <paramref name="vocabulary"/>.</summary>
    public static float[] Features(ReadOnlySpan<float> embedding, IReadOnlyList<string?> outletDesks, IReadOnlyList<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(outletDesks);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var x = new float[FeatureCount(vocabulary.Count)];
        embedding[..Math.Min(embedding.Length, TextEmbedder.Dimensions)].CopyTo(x);
        if (outletDesks.Count > 0)
        {
            var share = 1f / outletDesks.Count;
            foreach (var desk in outletDesks)
            {
                for (var j = 0; j < vocabulary.Count; j++)
                {
                    if (string.Equals(vocabulary[j], desk, StringComparison.OrdinalIgnoreCase))
                    {
                        x[TextEmbedder.Dimensions + j] += share;
                    }
                }
            }
        }
        return x;
    }

    /// <summary>Every desk's probability, most likely first.</summary>
    public IReadOnlyList<TopicScore> Probabilities(ReadOnlySpan<float> embedding, IReadOnlyList<string?> outletDesks)
    {
        return ProbabilitiesOf(Features(embedding, outletDesks, _file.OutletDesks));
    }

    /// <summary>Every desk's probability for a feature vector made by <see cref="Features"/>, most likely first.</summary>
    public IReadOnlyList<TopicScore> ProbabilitiesOf(ReadOnlySpan<float> x)
    {
        var p = Softmax(_file.Weights, _file.Intercepts, x);
        return Enumerable.Range(0, p.Length).Select(i => new TopicScore(Desks.Slugs[_classToDesk[i]], p[i]))
            .OrderByDescending(t => t.Confidence).ThenBy(t => Desks.IndexOf(t.Desk)).ToList();
    }

    /// <summary>The primary desk and up to two secondary ones (probability at least <see cref="SecondaryMinimum"/>).</summary>
    public IReadOnlyList<TopicScore> Classify(ReadOnlySpan<float> embedding, IReadOnlyList<string?> outletDesks)
    {
        var all = Probabilities(embedding, outletDesks);
        return all.Take(1).Concat(all.Skip(1).Take(2).Where(t => t.Confidence >= SecondaryMinimum))
            .Select(t => t with { Confidence = Math.Round(t.Confidence, 3) }).ToList();
    }

    internal static double[] Softmax(IReadOnlyList<float[]> weights, IReadOnlyList<double> intercepts, ReadOnlySpan<float> x)
    {
        var z = new double[weights.Count];
        var max = double.NegativeInfinity;
        for (var c = 0; c < z.Length; c++)
        {
            z[c] = intercepts[c] + TextEmbedder.Dot(weights[c], x);
            max = Math.Max(max, z[c]);
        }
        var sum = 0.0;
        for (var c = 0; c < z.Length; c++)
        {
            z[c] = Math.Exp(z[c] - max);
            sum += z[c];
        }
        for (var c = 0; c < z.Length; c++)
        {
            z[c] /= sum;
        }
        return z;
    }
}

/// <summary>The desk model as stored: one weight row and intercept per desk, and how it was trained and measured.</summary>
internal sealed class TopicModelFile
{
    [JsonPropertyName("version")]
    public int Version { get; set; } = 1;

    [JsonPropertyName("desks")]
    public List<string> Desks { get; set; } = [];

    /// <summary>The outlets' desks (source list categories) that are features, in feature order after the embedding.</summary>
    [JsonPropertyName("outlet_desks")]
    public List<string> OutletDesks { get; set; } = [];

    [JsonPropertyName("intercepts")]
    public List<double> Intercepts { get; set; } = [];

    [JsonPropertyName("weights")]
    public List<float[]> Weights { get; set; } = [];

    /// <summary>What it was trained on and what cross-validation measured, as printed by <c>salient topics train</c>.</summary>
    [JsonPropertyName("trained")]
    public Dictionary<string, string> Trained { get; set; } = [];
}
