using System.Text.Json;
using System.Text.Json.Serialization;

namespace Salient.Significance;

/// <summary>
/// The shipped scorer: one linear regressor per factor over a story's MiniLM embedding and its outlet tiers,
/// each stretched by a calibration line fitted on cross-validated predictions (ridge regression pulls every
/// estimate towards the mean), plus a fixed prior for coverage the single-headline seed labels cannot teach
/// (more outlets and faster growth raise credibility, scale and potential). Deterministic, a few microseconds.
/// </summary>
internal sealed class StudentModel
{
    public const string FileName = "student.json";

    private readonly StudentModelFile _file;
    private readonly float[][] _weights;
    private readonly double[] _intercepts;
    private readonly FeedbackMemory? _feedback;

    public StudentModel(StudentModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Factors.Count != Factors.Count)
        {
            throw new SalientException($"student model has {file.Factors.Count} factors, expected {Factors.Count}; retrain it with 'salient train'");
        }
        _file = file;
        _weights = new float[Factors.Count][];
        _intercepts = new double[Factors.Count];
        for (var i = 0; i < Factors.Count; i++)
        {
            if (!file.Factors.TryGetValue(Factors.Names[i], out var f))
            {
                throw new SalientException($"student model lacks the factor '{Factors.Names[i]}'; retrain it with 'salient train'");
            }
            if (f.Weights.Length != StudentFeatures.Count)
            {
                throw new SalientException($"student model factor '{Factors.Names[i]}' has {f.Weights.Length} weights, expected {StudentFeatures.Count}; retrain it with 'salient train'");
            }
            // Fold the calibration line into the weights: a + b·(w·x + c) = (b·w)·x + (a + b·c).
            _weights[i] = f.Weights.Select(w => (float)(w * f.CalibrationSlope)).ToArray();
            _intercepts[i] = f.CalibrationIntercept + f.CalibrationSlope * f.Intercept;
        }
        _feedback = file.Feedback is { Points.Count: > 0 } memory ? memory.Prepared() : null;
    }

    public StudentModelFile File => _file;

    /// <summary>The factors on the rubric's scale: the estimates stretched so their score follows the model's score map.</summary>
    public Factors Calibrate(Factors raw, ScoreFormula formula) => _file.ScoreMap.Stretch(raw, formula);

    private static readonly double[] NoCoverage = new double[CoverageFeatures.Count];

    /// <summary>True when the model carries a combination learned from holistic scores (rubric 2 and later).</summary>
    public bool HasCombination => _file.Combination is { IsEmpty: false };

    /// <summary>
    /// A story's score and the factors shown with it. With a learned combination: the combination of the
    /// estimated factors, put on the rubric's scale by the score map, plus the coverage's learned effect; and the
    /// driver factors are stretched so that their mean, weighted by the learned weights, is the score less what
    /// the coverage added: score = weighted mean of the shown factors + coverage effect. Without one (a rubric-1
    /// model): the fixed formula, as before.
    /// </summary>
    public StudentScore Score(ReadOnlySpan<float> embedding, Coverage coverage, ScoreFormula formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var raw = Predict(embedding, coverage);
        if (_file.Combination is not { IsEmpty: false } combination)
        {
            var stretched = Calibrate(raw, formula);
            return new StudentScore(ScoreFormula.Round(formula.Score(stretched)), stretched, 0, false);
        }
        var (content, score) = Combine(combination, _file.ScoreMap, raw.ToArray(), coverage);
        // Feedback on stories like this one moves what its content is worth (and so the shown factors with it).
        var feedback = _feedback?.Adjustment(embedding) ?? 0;
        if (feedback != 0)
        {
            var adjusted = Math.Clamp(content + feedback, 0, 10);
            score = ScoreFormula.Round(Math.Clamp(score + adjusted - content, 0, 10));
            feedback = adjusted - content;
            content = adjusted;
        }
        var effect = Math.Round(score - content, 1);
        // The shown factors average (with the learned weights) to the score less what coverage added.
        var shown = ScoreMap.StretchToWeightedMean(raw, combination, score - effect);
        return new StudentScore(score, shown, effect, coverage.Known, Math.Round(feedback, 1));
    }

    /// <summary>
    /// The content part and the score of a combination under a score map. The map stretches what the text shows (the
    /// regressors' estimates crowd towards the mean); the coverage weights were fitted against the holistic scores
    /// themselves, so their effect is added on the rubric's scale.
    /// </summary>
    public static (double Content, double Score) Combine(ScoreCombination combination, ScoreMap map, ReadOnlySpan<double> factors, Coverage coverage)
    {
        ArgumentNullException.ThrowIfNull(combination);
        ArgumentNullException.ThrowIfNull(map);
        var content = Math.Clamp(map.Apply(combination.Raw(factors, NoCoverage)), 0, 10);
        return (content, ScoreFormula.Round(Math.Clamp(content + combination.CoverageEffect(CoverageFeatures.Of(coverage)), 0, 10)));
    }

    /// <summary>The factors of a story from its unit-length embedding and its coverage.</summary>
    public Factors Predict(ReadOnlySpan<float> embedding, Coverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        Span<float> x = stackalloc float[StudentFeatures.Count];
        StudentFeatures.Fill(embedding, coverage, x);
        var values = new double[Factors.Count];
        for (var i = 0; i < Factors.Count; i++)
        {
            values[i] = _intercepts[i] + System.Numerics.Tensors.TensorPrimitives.Dot(_weights[i], x);
        }
        _file.CoveragePrior.Apply(values, coverage);
        return Factors.FromArray(values).Clamped();
    }

    public static StudentModel Load(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new SalientException($"student model '{path}' does not exist; train one with 'salient train --labels data/labels/*.jsonl' or set Significance:ModelPath");
        }
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            var file = JsonSerializer.Deserialize<StudentModelFile>(stream, StudentModelFile.Json)
                ?? throw new SalientException($"student model '{path}' is empty; retrain it with 'salient train'");
            return new StudentModel(file);
        }
        catch (JsonException e)
        {
            throw new SalientException($"student model '{path}' is not valid JSON ({e.Message}); retrain it with 'salient train'", e);
        }
    }

    /// <summary>Where the shipped model lives: next to the executable.</summary>
    public static string DefaultPath() => Path.Combine(AppContext.BaseDirectory, "Significance", "Model", FileName);

    public void Save(string path) => _file.Save(path);
}

/// <summary>A student's score, the factors shown with it and how much the story's coverage moved it.</summary>
internal sealed record StudentScore(double Score, Factors Factors, double CoverageEffect, bool CoverageKnown, double FeedbackEffect = 0);

/// <summary>The student's inputs: the 384 embedding dimensions, then the shares of top- and low-tier outlets.</summary>
internal static class StudentFeatures
{
    public const int Count = Embeddings.TextEmbedder.Dimensions + 2;

    public static void Fill(ReadOnlySpan<float> embedding, Coverage coverage, Span<float> x)
    {
        if (embedding.Length != Embeddings.TextEmbedder.Dimensions)
        {
            throw new ArgumentException($"expected a {Embeddings.TextEmbedder.Dimensions}-d embedding, got {embedding.Length}", nameof(embedding));
        }
        embedding.CopyTo(x);
        var outlets = Math.Max(1, coverage.Outlets);
        x[Embeddings.TextEmbedder.Dimensions] = (float)coverage.TopTier / outlets;
        x[Embeddings.TextEmbedder.Dimensions + 1] = (float)coverage.LowTier / outlets;
    }
}

/// <summary>The student's weights as stored in <c>Significance/Model/student.json</c>.</summary>
internal sealed class StudentModelFile
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public int FormatVersion { get; set; } = 1;
    public string Rubric { get; set; } = "1";

    /// <summary>The score as a monotone combination of factors and coverage, fitted to holistic scores (format 2).</summary>
    public ScoreCombination? Combination { get; set; }
    public string Embedding { get; set; } = "all-MiniLM-L6-v2, title + lead";
    public string? TrainedAt { get; set; }
    public int Labels { get; set; }
    public Dictionary<string, FactorRegressor> Factors { get; set; } = new(StringComparer.Ordinal);
    public CoveragePrior CoveragePrior { get; set; } = new();
    public ScoreMap ScoreMap { get; set; } = new();
    public CrossValidation? CrossValidation { get; set; }

    /// <summary>Stories readers or the admin gave feedback on, and how far their scores were off (see <see cref="FeedbackMemory"/>).</summary>
    public FeedbackMemory? Feedback { get; set; }

    public void Save(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        var tmp = path + ".tmp";
        using (var stream = System.IO.File.Create(tmp))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }
        System.IO.File.Move(tmp, path, overwrite: true);
    }
}

/// <summary>One factor's ridge regressor (on raw features) and the calibration line applied to its output.</summary>
internal sealed class FactorRegressor
{
    public double Lambda { get; set; }
    public double Intercept { get; set; }
    public float[] Weights { get; set; } = [];
    public double CalibrationIntercept { get; set; }
    public double CalibrationSlope { get; set; } = 1;
}

/// <summary>
/// Fixed increments per doubling of distinct outlets (and of articles in the first hours), a prior rather than a
/// fit: the seed labels are single headlines, so they say nothing about coverage.
/// </summary>
internal sealed class CoveragePrior
{
    /// <summary>Per doubling of outlets, in factor points, in factor order (scale … credibility).</summary>
    public double[] PerOutletDoubling { get; set; } = [0.35, 0.2, 0.0, 0.25, 0.15, 0.0, 0.9];

    /// <summary>Per doubling of early articles beyond the outlets, in factor points.</summary>
    public double[] PerEarlyDoubling { get; set; } = [0.1, 0.15, 0.1, 0.1, 0.0, 0.0, 0.0];

    /// <summary>No prior: the model learned what coverage does from story labels (its combination).</summary>
    public static CoveragePrior None => new() { PerOutletDoubling = new double[Factors.Count], PerEarlyDoubling = new double[Factors.Count] };

    /// <summary>Doublings counted at most (16 outlets).</summary>
    public double MaxDoublings { get; set; } = 4;

    public void Apply(double[] values, Coverage coverage)
    {
        var outlets = Math.Min(Math.Log2(Math.Max(1, coverage.Outlets)), MaxDoublings);
        var early = Math.Min(Math.Log2(Math.Max(1.0, (double)coverage.EarlyArticles / Math.Max(1, coverage.Outlets))), MaxDoublings);
        var quality = coverage.Outlets <= 0 ? 0.5 : 0.5 + 0.5 * coverage.TopTier / coverage.Outlets;
        for (var i = 0; i < values.Length && i < PerOutletDoubling.Length && i < PerEarlyDoubling.Length; i++)
        {
            var perOutlet = i == 6 ? PerOutletDoubling[i] * quality : PerOutletDoubling[i];
            values[i] += perOutlet * outlets + PerEarlyDoubling[i] * early;
        }
    }
}

/// <summary>Cross-validated errors recorded when the model was trained.</summary>
internal sealed class CrossValidation
{
    public int Folds { get; set; }
    public Dictionary<string, double> Mae { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, double> Spearman { get; set; } = new(StringComparer.Ordinal);
    public double ScoreMae { get; set; }
    public double ScoreSpearman { get; set; }
}
