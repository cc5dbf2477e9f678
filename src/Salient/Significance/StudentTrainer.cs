using System.Globalization;

namespace Salient.Significance;

/// <summary>One labelled story as the trainer sees it.</summary>
internal sealed record TrainingExample(string Id, float[] Embedding, Coverage Coverage, double[] Targets);

/// <summary>
/// Fits the student: closed-form ridge regression per factor on standardised features, the penalty of each
/// factor chosen by k-fold cross-validation (folds fixed by a hash of the label id, so training is
/// deterministic), then a calibration line per factor fitted on the out-of-fold predictions.
/// </summary>
internal sealed class StudentTrainer
{
    public static readonly double[] Lambdas = [10, 30, 100, 300, 1000, 3000];

    private readonly int _folds;
    private readonly ScoreFormula _formula;

    public StudentTrainer(int folds, ScoreFormula formula)
    {
        if (folds < 2)
        {
            throw new ArgumentException("cross-validation needs at least 2 folds", nameof(folds));
        }
        _folds = folds;
        _formula = formula;
    }

    public sealed record Result(StudentModel Model, CrossValidation CrossValidation, double[][] OutOfFold);

    public Result Train(IReadOnlyList<TrainingExample> examples, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count < _folds * 4)
        {
            throw new SalientException($"only {examples.Count} labelled stories; training needs at least {_folds * 4}");
        }
        var n = examples.Count;
        var d = StudentFeatures.Count;
        var x = new double[n][];
        var y = new double[n][];
        var buffer = new float[d];
        for (var r = 0; r < n; r++)
        {
            StudentFeatures.Fill(examples[r].Embedding, examples[r].Coverage, buffer);
            x[r] = buffer.Select(v => (double)v).ToArray();
            y[r] = examples[r].Targets;
        }
        var fold = examples.Select(e => FoldOf(e.Id, _folds)).ToArray();

        // oof[l][r][f]: the prediction for row r of factor f with penalty l, made by the fold that did not see r.
        var oof = new double[Lambdas.Length][][];
        for (var l = 0; l < Lambdas.Length; l++)
        {
            oof[l] = new double[n][];
        }
        for (var k = 0; k < _folds; k++)
        {
            ct.ThrowIfCancellationRequested();
            var train = Enumerable.Range(0, n).Where(r => fold[r] != k).ToArray();
            var test = Enumerable.Range(0, n).Where(r => fold[r] == k).ToArray();
            var fits = Fit(x, y, train, Lambdas);
            for (var l = 0; l < Lambdas.Length; l++)
            {
                foreach (var r in test)
                {
                    oof[l][r] = fits[l].Predict(x[r]);
                }
            }
        }

        var chosen = new int[Factors.Count];
        for (var f = 0; f < Factors.Count; f++)
        {
            var best = double.MaxValue;
            for (var l = 0; l < Lambdas.Length; l++)
            {
                var mse = 0.0;
                for (var r = 0; r < n; r++)
                {
                    var e = oof[l][r][f] - y[r][f];
                    mse += e * e;
                }
                if (mse < best - 1e-12)
                {
                    best = mse;
                    chosen[f] = l;
                }
            }
        }

        var file = new StudentModelFile
        {
            TrainedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Labels = n,
        };
        var outOfFold = new double[n][];
        for (var r = 0; r < n; r++)
        {
            outOfFold[r] = new double[Factors.Count];
        }
        var distinct = chosen.Distinct().Select(l => Lambdas[l]).ToArray();
        var full = Fit(x, y, Enumerable.Range(0, n).ToArray(), distinct);
        for (var f = 0; f < Factors.Count; f++)
        {
            var l = chosen[f];
            var predicted = new double[n];
            var actual = new double[n];
            for (var r = 0; r < n; r++)
            {
                predicted[r] = oof[l][r][f];
                actual[r] = y[r][f];
            }
            var (a, b) = CalibrationLine(predicted, actual);
            for (var r = 0; r < n; r++)
            {
                outOfFold[r][f] = Math.Clamp(a + b * predicted[r], 0, 10);
            }
            var fit = full[Array.IndexOf(distinct, Lambdas[l])];
            file.Factors[Factors.Names[f]] = new FactorRegressor
            {
                Lambda = Lambdas[l],
                Intercept = fit.Intercepts[f],
                Weights = fit.Weights[f].Select(w => (float)w).ToArray(),
                CalibrationIntercept = a,
                CalibrationSlope = b,
            };
        }
        var cv = Evaluate(outOfFold, y);
        cv.Folds = _folds;
        file.CrossValidation = cv;
        return new Result(new StudentModel(file), cv, outOfFold);
    }

    /// <summary>MAE and Spearman per factor and for the score of predictions against labels.</summary>
    public CrossValidation Evaluate(IReadOnlyList<double[]> predicted, IReadOnlyList<double[]> actual)
    {
        var cv = new CrossValidation();
        for (var f = 0; f < Factors.Count; f++)
        {
            var p = predicted.Select(v => v[f]).ToArray();
            var a = actual.Select(v => v[f]).ToArray();
            cv.Mae[Factors.Names[f]] = Math.Round(Statistics.MeanAbsoluteError(p, a), 3);
            cv.Spearman[Factors.Names[f]] = Math.Round(Statistics.Spearman(p, a), 3);
        }
        var ps = predicted.Select(v => _formula.Score(v)).ToArray();
        var As = actual.Select(v => _formula.Score(v)).ToArray();
        cv.ScoreMae = Math.Round(Statistics.MeanAbsoluteError(ps, As), 3);
        cv.ScoreSpearman = Math.Round(Statistics.Spearman(ps, As), 3);
        return cv;
    }

    /// <summary>The learned combination, its out-of-fold raw scores and how well they rank the holistic labels.</summary>
    public sealed record CombinationResult(ScoreCombination Combination, double[] OutOfFold, double Spearman);

    /// <summary>A story known only by feedback: the student's factors for it, its coverage, the score it should have and how much it counts.</summary>
    public sealed record ExtraExample(double[] Factors, Coverage Coverage, double Target, double Weight);

    /// <summary>
    /// Fits the combination of the student's own out-of-fold factor estimates and the coverage to holistic scores,
    /// and cross-validates it with the same folds (so a story's score is predicted by a combination that never saw
    /// its label, from factors estimated by regressors that never saw it either). <paramref name="extra"/> examples
    /// (feedback) join every fit with their weight but are not part of the cross-validated figure.
    /// </summary>
    public CombinationResult TrainCombination(IReadOnlyList<string> ids, IReadOnlyList<double[]> factors, IReadOnlyList<Coverage> coverage, IReadOnlyList<double> holistic,
        IReadOnlyList<ExtraExample>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(holistic);
        extra ??= [];
        var n = ids.Count;
        var features = coverage.Select(CoverageFeatures.Of).ToArray();
        var extraFeatures = extra.Select(e => CoverageFeatures.Of(e.Coverage)).ToArray();
        var fold = ids.Select(id => FoldOf(id, _folds)).ToArray();
        var oof = new double[n];
        ScoreCombination FitOn(IReadOnlyList<int> rows) => ScoreCombination.Fit(
            [.. rows.Select(r => factors[r]), .. extra.Select(e => e.Factors)],
            [.. rows.Select(r => features[r]), .. extraFeatures],
            [.. rows.Select(r => holistic[r]), .. extra.Select(e => e.Target)],
            [.. rows.Select(_ => 1.0), .. extra.Select(e => e.Weight)]);
        for (var k = 0; k < _folds; k++)
        {
            var fit = FitOn(Enumerable.Range(0, n).Where(r => fold[r] != k).ToArray());
            for (var r = 0; r < n; r++)
            {
                if (fold[r] == k)
                {
                    oof[r] = fit.Raw(factors[r], features[r]);
                }
            }
        }
        var final = FitOn(Enumerable.Range(0, n).ToArray());
        return new CombinationResult(final, oof, Math.Round(Statistics.Spearman(oof, holistic.ToArray()), 3));
    }

    /// <summary>A fitted combination and the score map that puts it on the rubric's scale.</summary>
    public sealed record Calibrated(CombinationResult Result, ScoreMap Map);

    /// <summary>
    /// The combination (see <see cref="TrainCombination"/>) and its score map: the reference stream's raw scores
    /// mapped to the distribution of the stream-weighted holistic labels (or, with fewer than 50 of them, to the
    /// reference's own spread).
    /// </summary>
    public Calibrated CombineAndCalibrate(IReadOnlyList<string> ids, IReadOnlyList<double[]> factors, IReadOnlyList<Coverage> coverage, IReadOnlyList<double> holistic,
        IReadOnlyList<double> streamWeights, IReadOnlyList<(double[] Factors, Coverage Coverage)> reference, string referenceName, IReadOnlyList<ExtraExample>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(streamWeights);
        ArgumentNullException.ThrowIfNull(reference);
        var result = TrainCombination(ids, factors, coverage, holistic, extra);
        var refRaw = reference.Select(r => result.Combination.Raw(r.Factors, CoverageFeatures.Of(r.Coverage))).ToList();
        var target = Enumerable.Range(0, holistic.Count).Where(i => streamWeights[i] > 0).Select(i => (holistic[i], streamWeights[i])).ToList();
        var map = target.Count >= 50 ? ScoreMap.FitToDistribution(refRaw, target, referenceName) : ScoreMap.Fit(refRaw, referenceName);
        return new Calibrated(result, map);
    }

    /// <summary>A stable fold for a label id (FNV-1a), independent of file order.</summary>
    internal static int FoldOf(string id, int folds) => (int)(Salient.Text.StableHash.Fnv1a(id) % (uint)folds);

    /// <summary>Least squares line actual ≈ a + b·predicted; the slope kept within [1, 2.5] (only ever stretch).</summary>
    private static (double A, double B) CalibrationLine(double[] predicted, double[] actual)
    {
        var mp = predicted.Average();
        var ma = actual.Average();
        double sxy = 0, sxx = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            sxy += (predicted[i] - mp) * (actual[i] - ma);
            sxx += (predicted[i] - mp) * (predicted[i] - mp);
        }
        var b = sxx > 1e-12 ? Math.Clamp(sxy / sxx, 1.0, 2.5) : 1.0;
        return (ma - b * mp, b);
    }

    private sealed record RidgeFit(double[] Intercepts, double[][] Weights)
    {
        public double[] Predict(double[] x)
        {
            var result = new double[Intercepts.Length];
            for (var f = 0; f < result.Length; f++)
            {
                var s = Intercepts[f];
                var w = Weights[f];
                for (var j = 0; j < x.Length; j++)
                {
                    s += w[j] * x[j];
                }
                result[f] = s;
            }
            return result;
        }
    }

    /// <summary>Ridge fits for every penalty on the given rows; weights returned on the raw (unstandardised) features.</summary>
    private static RidgeFit[] Fit(double[][] x, double[][] y, int[] rows, double[] lambdas)
    {
        var d = x[0].Length;
        var m = rows.Length;
        var mean = new double[d];
        var yMean = new double[Factors.Count];
        foreach (var r in rows)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += x[r][j];
            }
            for (var f = 0; f < Factors.Count; f++)
            {
                yMean[f] += y[r][f];
            }
        }
        for (var j = 0; j < d; j++)
        {
            mean[j] /= m;
        }
        for (var f = 0; f < Factors.Count; f++)
        {
            yMean[f] /= m;
        }
        var scale = new double[d];
        foreach (var r in rows)
        {
            for (var j = 0; j < d; j++)
            {
                var c = x[r][j] - mean[j];
                scale[j] += c * c;
            }
        }
        for (var j = 0; j < d; j++)
        {
            scale[j] = Math.Sqrt(scale[j] / m);
            if (scale[j] < 1e-9)
            {
                scale[j] = 1; // a constant feature: its standardised column is all zeros
            }
        }
        // Standardised design Z (m × d), Gram matrix G = ZᵀZ and right-hand sides B = Zᵀ(y - ȳ).
        var z = new double[m][];
        for (var i = 0; i < m; i++)
        {
            var row = new double[d];
            var src = x[rows[i]];
            for (var j = 0; j < d; j++)
            {
                row[j] = (src[j] - mean[j]) / scale[j];
            }
            z[i] = row;
        }
        var gRows = new double[d][];
        for (var j = 0; j < d; j++)
        {
            gRows[j] = new double[d];
        }
        var b = new double[d, Factors.Count];
        for (var i = 0; i < m; i++)
        {
            var row = z[i];
            var target = y[rows[i]];
            for (var j = 0; j < d; j++)
            {
                var v = row[j];
                if (v == 0)
                {
                    continue;
                }
                var gj = gRows[j];
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(row.AsSpan(j), v, gj.AsSpan(j), gj.AsSpan(j));
                for (var f = 0; f < Factors.Count; f++)
                {
                    b[j, f] += v * (target[f] - yMean[f]);
                }
            }
        }
        var g = new double[d, d];
        for (var j = 0; j < d; j++)
        {
            for (var k = j; k < d; k++)
            {
                g[j, k] = gRows[j][k];
                g[k, j] = gRows[j][k];
            }
        }
        var fits = new RidgeFit[lambdas.Length];
        for (var l = 0; l < lambdas.Length; l++)
        {
            var a = (double[,])g.Clone();
            for (var j = 0; j < d; j++)
            {
                a[j, j] += lambdas[l];
            }
            var beta = Cholesky.Solve(a, b);
            var weights = new double[Factors.Count][];
            var intercepts = new double[Factors.Count];
            for (var f = 0; f < Factors.Count; f++)
            {
                var w = new double[d];
                var c = yMean[f];
                for (var j = 0; j < d; j++)
                {
                    w[j] = beta[j, f] / scale[j];
                    c -= w[j] * mean[j];
                }
                weights[f] = w;
                intercepts[f] = c;
            }
            fits[l] = new RidgeFit(intercepts, weights);
        }
        return fits;
    }
}

/// <summary>Solves A·X = B for a symmetric positive definite A.</summary>
internal static class Cholesky
{
    public static double[,] Solve(double[,] a, double[,] b)
    {
        var n = a.GetLength(0);
        var k = b.GetLength(1);
        // Rows of the lower factor as arrays, so the inner products run over contiguous spans.
        var l = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var li = new double[i + 1];
            for (var j = 0; j <= i; j++)
            {
                var lj = l[j] ?? li;
                var s = a[i, j] - System.Numerics.Tensors.TensorPrimitives.Dot(li.AsSpan(0, j), lj.AsSpan(0, j));
                if (i == j)
                {
                    if (s <= 0)
                    {
                        throw new SalientException("ridge system is not positive definite; the labelled data are degenerate");
                    }
                    li[i] = Math.Sqrt(s);
                }
                else
                {
                    li[j] = s / lj[j];
                }
            }
            l[i] = li;
        }
        var x = new double[n, k];
        var t = new double[n];
        for (var c = 0; c < k; c++)
        {
            for (var i = 0; i < n; i++)
            {
                var s = b[i, c] - System.Numerics.Tensors.TensorPrimitives.Dot(l[i].AsSpan(0, i), t.AsSpan(0, i));
                t[i] = s / l[i][i];
            }
            for (var i = n - 1; i >= 0; i--)
            {
                var s = t[i];
                for (var p = i + 1; p < n; p++)
                {
                    s -= l[p][i] * x[p, c];
                }
                x[i, c] = s / l[i][i];
            }
        }
        return x;
    }
}
