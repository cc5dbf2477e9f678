namespace Salient.Significance;

/// <summary>
/// Sets the student's score on the rubric's scale. Ridge regression ranks stories well but pulls every
/// estimate towards the mean, so raw scores crowd between 1 and 5. The map is monotone (ranking unchanged),
/// piecewise linear from raw score quantiles of a reference stream of ordinary headlines to the scale the rubric
/// describes: the bottom fifth (entertainment, sports, oddities) below 1.3, the middle of the stream between 2 and 5, about one in twelve at 5.5 or more, very few above 7.
/// The driver factors are stretched by the same ratio so the factors shown still combine into the score.
/// </summary>
internal sealed class ScoreMap
{
    /// <summary>Share of the reference stream below each target score.</summary>
    public static readonly (double Quantile, double Score)[] Anchors =
    [
        (0.00, 0.5),
        (0.05, 0.7),
        (0.20, 1.3),
        (0.35, 2.0),
        (0.50, 3.0),
        (0.75, 4.3),
        (0.88, 5.2),
        (0.92, 5.6),
        (0.97, 6.5),
        (0.995, 7.4),
        (1.00, 8.3),
    ];

    public double[] Raw { get; set; } = [];
    public double[] Calibrated { get; set; } = [];
    public string? Reference { get; set; }

    public bool IsEmpty => Raw.Length < 2 || Raw.Length != Calibrated.Length;

    /// <summary>Fits the map from raw scores of a reference stream.</summary>
    public static ScoreMap Fit(IReadOnlyList<double> referenceRawScores, string reference)
    {
        ArgumentNullException.ThrowIfNull(referenceRawScores);
        if (referenceRawScores.Count < 50)
        {
            throw new SalientException($"the reference stream has {referenceRawScores.Count} headlines; the score scale needs at least 50");
        }
        var sorted = referenceRawScores.Order().ToArray();
        var raw = new List<double>();
        var cal = new List<double>();
        foreach (var (q, s) in Anchors)
        {
            var x = Quantile(sorted, q);
            if (raw.Count > 0 && x <= raw[^1] + 1e-6)
            {
                x = raw[^1] + 1e-3; // keep the map strictly increasing when raw scores tie
            }
            raw.Add(Math.Round(x, 4));
            cal.Add(s);
        }
        return new ScoreMap { Raw = [.. raw], Calibrated = [.. cal], Reference = reference };
    }

    /// <summary>The calibrated score of a raw score; beyond the ends the nearest segment's slope continues, within 0.5–10.</summary>
    public double Apply(double raw)
    {
        if (IsEmpty || !double.IsFinite(raw))
        {
            return raw;
        }
        int i;
        if (raw <= Raw[0])
        {
            i = 0;
        }
        else if (raw >= Raw[^1])
        {
            i = Raw.Length - 2;
        }
        else
        {
            i = Array.BinarySearch(Raw, raw);
            i = i >= 0 ? Math.Min(i, Raw.Length - 2) : ~i - 1;
        }
        var t = (raw - Raw[i]) / (Raw[i + 1] - Raw[i]);
        var y = Calibrated[i] + t * (Calibrated[i + 1] - Calibrated[i]);
        return Math.Clamp(y, ScoreFormula.Floor, 10);
    }

    /// <summary>
    /// Factors whose score is the calibrated one: the five driver factors (scale, impact, novelty, potential,
    /// legacy) multiplied by the ratio needed; positivity and credibility kept as estimated.
    /// </summary>
    public Factors Stretch(Factors raw, ScoreFormula formula)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(formula);
        if (IsEmpty)
        {
            return raw;
        }
        var before = formula.Score(raw);
        var target = Apply(before);
        var v = raw.ToArray();
        // A few rounds: clamping at 0.5 and 10 makes one multiplication fall short.
        for (var round = 0; round < 4; round++)
        {
            var now = formula.Score(v);
            if (Math.Abs(now - target) < 0.01)
            {
                break;
            }
            var w = formula.Weights;
            var drivers = w[0] + w[1] + w[2] + w[3] + w[4];
            var total = w.Sum();
            if (drivers <= 0)
            {
                break;
            }
            var k = Math.Pow(target / now, total / drivers);
            for (var i = 0; i < 5; i++)
            {
                v[i] = Math.Clamp(Math.Max(v[i], ScoreFormula.Floor) * k, 0, 10);
            }
        }
        return Factors.FromArray(v).Clamped();
    }

    /// <summary>
    /// Fits the map by matching quantiles: the raw scores of a reference stream onto a target distribution of
    /// scores on the rubric's scale (the holistic scores of a labelled sample of the same stream, weighted by how
    /// many headlines of the stream each labelled story stands for).
    /// </summary>
    public static ScoreMap FitToDistribution(IReadOnlyList<double> referenceRawScores, IReadOnlyList<(double Score, double Weight)> target, string reference)
    {
        ArgumentNullException.ThrowIfNull(referenceRawScores);
        ArgumentNullException.ThrowIfNull(target);
        if (referenceRawScores.Count < 50 || target.Count < 50)
        {
            throw new SalientException($"the score scale needs at least 50 reference headlines and 50 labelled scores (got {referenceRawScores.Count} and {target.Count})");
        }
        var sorted = referenceRawScores.Order().ToArray();
        var weighted = target.Where(t => t.Weight > 0 && double.IsFinite(t.Score)).OrderBy(t => t.Score).ToArray();
        var total = weighted.Sum(t => t.Weight);
        var raw = new List<double>();
        var cal = new List<double>();
        foreach (var q in DistributionQuantiles)
        {
            var x = Quantile(sorted, q);
            var y = WeightedQuantile(weighted, total, q);
            if (raw.Count > 0 && x <= raw[^1] + 1e-6)
            {
                x = raw[^1] + 1e-3;
            }
            if (cal.Count > 0 && y <= cal[^1] + 1e-3)
            {
                y = cal[^1] + 0.01; // strictly increasing, so the map never ties two different raw scores
            }
            raw.Add(Math.Round(x, 4));
            cal.Add(Math.Round(y, 3));
        }
        return new ScoreMap { Raw = [.. raw], Calibrated = [.. cal], Reference = reference };
    }

    /// <summary>Where the map is pinned when fitted to a distribution: dense at the top, where the thresholds are.</summary>
    public static readonly double[] DistributionQuantiles = [0, 0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.93, 0.96, 0.98, 0.99, 0.997, 1];

    private static double WeightedQuantile((double Score, double Weight)[] sorted, double total, double q)
    {
        var goal = q * total;
        var acc = 0.0;
        foreach (var (score, weight) in sorted)
        {
            acc += weight;
            if (acc >= goal - 1e-9)
            {
                return score;
            }
        }
        return sorted[^1].Score;
    }

    /// <summary>
    /// Factors on the score's scale: the five driver factors (scale, impact, novelty, potential, legacy) moved by one
    /// common ratio so that their mean weighted by the learned weights is <paramref name="target"/> (the score less
    /// what coverage added); positivity and credibility kept as estimated.
    /// </summary>
    public static Factors StretchToWeightedMean(Factors raw, ScoreCombination combination, double target)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(combination);
        var v = raw.ToArray();
        for (var round = 0; round < 6; round++)
        {
            var now = combination.WeightedMean(v);
            if (Math.Abs(now - target) < 0.01)
            {
                break;
            }
            var total = combination.FactorWeights.Sum();
            var drivers = 0.0;
            for (var i = 0; i < 5; i++)
            {
                drivers += combination.FactorWeights[i] * v[i];
            }
            if (drivers <= 1e-9 || total <= 0)
            {
                break;
            }
            // Solve Σ wᵢ·k·vᵢ (drivers) + Σ wⱼ·vⱼ (others) = target·Σw for k.
            var k = Math.Max(0, (target * total - (now * total - drivers)) / drivers);
            for (var i = 0; i < 5; i++)
            {
                v[i] = Math.Clamp(Math.Max(v[i], 0.1) * k, 0, 10);
            }
        }
        return Factors.FromArray(v).Clamped();
    }

    private static double Quantile(double[] sorted, double q)
    {
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
