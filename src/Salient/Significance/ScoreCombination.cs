using System.Globalization;

namespace Salient.Significance;

/// <summary>
/// What coverage the combination reads, as numbers that are 0 for a story told by one outlet (and for an item
/// whose coverage is unknown): how widely it is reported relative to how many outlets publish that day, in how
/// many countries, by how much of the top tier, how many articles came in the first hours and how long it has lasted.
/// </summary>
internal static class CoverageFeatures
{
    public static readonly string[] Names = ["breadth", "countries", "top_tier", "early_growth", "persistence"];

    public const int Count = 5;

    /// <summary>Outlets active in a day of the stream the story labels were made on (about a hundred headlines from about 80 sites).</summary>
    public const double ReferenceDayOutlets = 80;

    public static double[] Of(Coverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var x = new double[Count];
        if (!coverage.Known)
        {
            return x;
        }
        var outlets = Math.Max(1, coverage.Outlets);
        var doublings = Math.Log2(outlets);
        // The same share of a larger day's outlets is the same breadth: 5 of 80 sites is like 60 of 1,000 feeds.
        // A day with more outlets than the reference makes a one-outlet story thinner than one in the reference stream.
        var dayScale = coverage.DayOutlets > ReferenceDayOutlets ? Math.Log2(coverage.DayOutlets / ReferenceDayOutlets) : 0;
        x[0] = Math.Clamp(doublings - dayScale, -6, 6);
        x[1] = Math.Log2(Math.Max(1, coverage.Countries));
        x[2] = outlets > 1 ? doublings * coverage.TopTier / outlets : 0;
        // How fast it spread: articles in the first hours, on the same day scale as the breadth, never below 0.
        x[3] = Math.Clamp(Math.Log2(Math.Max(1, coverage.EarlyArticles)) - dayScale, 0, 6);
        x[4] = Math.Log2(1 + Math.Max(0, coverage.SpanHours) / 12);
        return x;
    }
}

/// <summary>
/// The score as a learned, monotone combination: an intercept, a non-negative weight per factor and per coverage
/// feature, fitted to holistic 0–10 judgments of whole stories. A larger factor or wider coverage never lowers it.
/// </summary>
internal sealed class ScoreCombination
{
    public double Intercept { get; set; }
    public double[] FactorWeights { get; set; } = new double[Factors.Count];
    public double[] CoverageWeights { get; set; } = new double[CoverageFeatures.Count];

    public bool IsEmpty => FactorWeights.Length != Factors.Count || FactorWeights.All(w => w == 0);

    /// <summary>The raw score: intercept + factors + coverage (not clamped; the score map puts it on the scale).</summary>
    public double Raw(ReadOnlySpan<double> factors, ReadOnlySpan<double> coverage)
    {
        var s = Intercept;
        for (var i = 0; i < Factors.Count; i++)
        {
            s += FactorWeights[i] * factors[i];
        }
        for (var j = 0; j < CoverageWeights.Length && j < coverage.Length; j++)
        {
            s += CoverageWeights[j] * coverage[j];
        }
        return s;
    }

    /// <summary>The factors' mean weighted by the learned weights (normalised to sum to 1): the score's content part.</summary>
    public double WeightedMean(ReadOnlySpan<double> factors)
    {
        var total = FactorWeights.Sum();
        if (total <= 0)
        {
            return 0;
        }
        var s = 0.0;
        for (var i = 0; i < Factors.Count; i++)
        {
            s += FactorWeights[i] * factors[i];
        }
        return s / total;
    }

    /// <summary>How much the coverage moved the raw score.</summary>
    public double CoverageEffect(ReadOnlySpan<double> coverage)
    {
        var s = 0.0;
        for (var j = 0; j < CoverageWeights.Length && j < coverage.Length; j++)
        {
            s += CoverageWeights[j] * coverage[j];
        }
        return s;
    }

    /// <summary>
    /// Non-negative least squares for the weights (intercept free): projected coordinate descent on centred
    /// columns, which converges for this small convex problem (twelve weights) in a few hundred sweeps.
    /// </summary>
    public static ScoreCombination Fit(IReadOnlyList<double[]> factors, IReadOnlyList<double[]> coverage, IReadOnlyList<double> holistic, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(holistic);
        var n = holistic.Count;
        if (n < 10)
        {
            throw new SalientException($"only {n} holistic scores; the combination needs at least 10");
        }
        var d = Factors.Count + CoverageFeatures.Count;
        var x = new double[n][];
        for (var r = 0; r < n; r++)
        {
            x[r] = [.. factors[r], .. coverage[r]];
        }
        var w = weights ?? Enumerable.Repeat(1.0, n).ToArray();
        var sw = w.Sum();
        var mean = new double[d];
        var ym = 0.0;
        for (var r = 0; r < n; r++)
        {
            ym += w[r] * holistic[r];
            for (var j = 0; j < d; j++)
            {
                mean[j] += w[r] * x[r][j];
            }
        }
        ym /= sw;
        for (var j = 0; j < d; j++)
        {
            mean[j] /= sw;
        }
        var g = new double[d, d];
        var b = new double[d];
        for (var r = 0; r < n; r++)
        {
            for (var j = 0; j < d; j++)
            {
                var xj = x[r][j] - mean[j];
                b[j] += w[r] * xj * (holistic[r] - ym);
                for (var k = 0; k < d; k++)
                {
                    g[j, k] += w[r] * xj * (x[r][k] - mean[k]);
                }
            }
        }
        // A tiny ridge keeps a feature that never varies (a coverage feature absent from the labels) at zero.
        for (var j = 0; j < d; j++)
        {
            g[j, j] += 1e-6 * sw;
        }
        var beta = new double[d];
        for (var sweep = 0; sweep < 2000; sweep++)
        {
            var change = 0.0;
            for (var j = 0; j < d; j++)
            {
                var s = b[j];
                for (var k = 0; k < d; k++)
                {
                    if (k != j)
                    {
                        s -= g[j, k] * beta[k];
                    }
                }
                var next = Math.Max(0, s / g[j, j]);
                change = Math.Max(change, Math.Abs(next - beta[j]));
                beta[j] = next;
            }
            if (change < 1e-9)
            {
                break;
            }
        }
        var intercept = ym;
        for (var j = 0; j < d; j++)
        {
            intercept -= beta[j] * mean[j];
        }
        return new ScoreCombination
        {
            Intercept = Math.Round(intercept, 4),
            FactorWeights = beta[..Factors.Count].Select(v => Math.Round(v, 4)).ToArray(),
            CoverageWeights = beta[Factors.Count..].Select(v => Math.Round(v, 4)).ToArray(),
        };
    }

    public override string ToString()
    {
        var ic = CultureInfo.InvariantCulture;
        var parts = Factors.Names.Select((n, i) => $"{FactorWeights[i].ToString("0.###", ic)}·{n}")
            .Concat(CoverageFeatures.Names.Select((n, j) => $"{CoverageWeights[j].ToString("0.###", ic)}·{n}"));
        return $"{Intercept.ToString("0.###", ic)} + " + string.Join(" + ", parts);
    }
}
