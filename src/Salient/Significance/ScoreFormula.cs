namespace Salient.Significance;

/// <summary>
/// The score of rubric version 1: the weighted geometric mean of the factors, each floored at 0.5 so a single
/// zero does not erase the rest: <c>exp(Σ wᵢ·ln(max(fᵢ, 0.5)) / Σ wᵢ)</c>, a value from 0.5 to 10.
/// </summary>
internal sealed class ScoreFormula
{
    public const double Floor = 0.5;

    private readonly double[] _weights;
    private readonly double _sum;

    public ScoreFormula(FactorWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        weights.Validate();
        _weights = weights.ToArray();
        _sum = _weights.Sum();
    }

    public static ScoreFormula Default { get; } = new(new FactorWeights());

    public IReadOnlyList<double> Weights => _weights;

    public double Score(Factors factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        return Score(factors.ToArray());
    }

    public double Score(ReadOnlySpan<double> factors)
    {
        double acc = 0;
        for (var i = 0; i < Factors.Count; i++)
        {
            var f = double.IsFinite(factors[i]) ? Math.Clamp(factors[i], 0, 10) : 0;
            acc += _weights[i] * Math.Log(Math.Max(f, Floor));
        }
        return Math.Exp(acc / _sum);
    }

    /// <summary>The score as stored and shown: one decimal.</summary>
    public static double Round(double score) => Math.Round(score, 1, MidpointRounding.AwayFromZero);
}
