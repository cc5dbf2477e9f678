using System.Numerics.Tensors;
using System.Text.RegularExpressions;

namespace Salient.Sections;

/// <summary>One training example: its features, its desk (index into <see cref="Desks.Slugs"/>), its weight, and the group
/// it is measured in (null: trained on, not measured).</summary>
internal sealed record TopicExample(string Id, float[] Features, int Desk, double Weight, string? Measured, string Title);

/// <summary>Cross-validated figures of the classifier and of the keyword baseline on the measured examples.</summary>
internal sealed record TopicEvaluation(int Measured, double MacroF1, double Accuracy, double BaselineMacroF1, double BaselineAccuracy,
    IReadOnlyDictionary<string, double> F1ByDesk, IReadOnlyDictionary<string, double> BaselineF1ByDesk);

/// <summary>
/// Fits the desk classifier: multinomial logistic regression with an L2 penalty, each desk weighted by the square root of
/// its count, by full-batch Adam from zero (deterministic). Cross-validation folds are fixed by example id.
/// </summary>
internal static class TopicTrainer
{
    public const double L2 = 1e-4;
    public const int Iterations = 400;

    public static TopicModelFile Fit(IReadOnlyList<TopicExample> examples, IReadOnlyList<string> outletDesks, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("no examples to train the desk model on", nameof(examples));
        }
        var classes = Desks.Slugs.Count;
        var d = examples[0].Features.Length;
        var w = Rows(classes, d);
        var b = new double[classes];
        // Half-balance the desks: a desk's total weight grows with the square root of its examples, so a desk with few
        // examples is not drowned out, and its few examples are not each made so heavy that the desk wins everywhere.
        var totals = new double[classes];
        foreach (var e in examples)
        {
            totals[e.Desk] += e.Weight;
        }
        var sampleWeight = examples.Select(e => e.Weight / Math.Sqrt(totals[e.Desk])).ToArray();
        var norm = sampleWeight.Sum();
        for (var n = 0; n < sampleWeight.Length; n++)
        {
            sampleWeight[n] /= norm;
        }
        var mw = Rows(classes, d);
        var vw = Rows(classes, d);
        var mb = new double[classes];
        var vb = new double[classes];
        const double rate = 0.05, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        var gw = Rows(classes, d);
        var gb = new double[classes];
        var z = new double[classes];
        for (var it = 1; it <= Iterations; it++)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var row in gw)
            {
                Array.Clear(row);
            }
            Array.Clear(gb);
            for (var n = 0; n < examples.Count; n++)
            {
                var x = examples[n].Features;
                var max = double.NegativeInfinity;
                for (var c = 0; c < classes; c++)
                {
                    z[c] = b[c] + TensorPrimitives.Dot(w[c], x);
                    max = Math.Max(max, z[c]);
                }
                var sum = 0.0;
                for (var c = 0; c < classes; c++)
                {
                    z[c] = Math.Exp(z[c] - max);
                    sum += z[c];
                }
                for (var c = 0; c < classes; c++)
                {
                    var g = sampleWeight[n] * (z[c] / sum - (c == examples[n].Desk ? 1 : 0));
                    gb[c] += g;
                    TensorPrimitives.MultiplyAdd(x, (float)g, gw[c], gw[c]);
                }
            }
            var c1 = 1 - Math.Pow(beta1, it);
            var c2 = 1 - Math.Pow(beta2, it);
            for (var c = 0; c < classes; c++)
            {
                var wc = w[c];
                var mc = mw[c];
                var vc = vw[c];
                var gc = gw[c];
                for (var j = 0; j < d; j++)
                {
                    var g = gc[j] + L2 * wc[j];
                    mc[j] = (float)(beta1 * mc[j] + (1 - beta1) * g);
                    vc[j] = (float)(beta2 * vc[j] + (1 - beta2) * g * g);
                    wc[j] -= (float)(rate * (mc[j] / c1) / (Math.Sqrt(vc[j] / c2) + eps));
                }
                mb[c] = beta1 * mb[c] + (1 - beta1) * gb[c];
                vb[c] = beta2 * vb[c] + (1 - beta2) * gb[c] * gb[c];
                b[c] -= rate * (mb[c] / c1) / (Math.Sqrt(vb[c] / c2) + eps);
            }
        }
        var file = new TopicModelFile { Desks = [.. Desks.Slugs], OutletDesks = [.. outletDesks] };
        for (var c = 0; c < classes; c++)
        {
            file.Intercepts.Add(Math.Round(b[c], 5));
            var row = new float[d];
            for (var j = 0; j < d; j++)
            {
                row[j] = (float)Math.Round(w[c][j], 4);
            }
            file.Weights.Add(row);
        }
        return file;
    }

    private static float[][] Rows(int rows, int columns) => Enumerable.Range(0, rows).Select(_ => new float[columns]).ToArray();

    /// <summary>The fold (0 … folds−1) of an example, fixed by its id so a rerun splits the same way.</summary>
    public static int FoldOf(string id, int folds) => (int)(Salient.Text.StableHash.Fnv1a(id) % (uint)folds);

    /// <summary>Cross-validated desks of the measured examples, from models fitted without their fold; with the keyword baseline's.</summary>
    public static TopicEvaluation CrossValidate(IReadOnlyList<TopicExample> examples, IReadOnlyList<string> outletDesks, int folds,
        Action<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (folds < 2)
        {
            throw new ArgumentException("cross-validation needs at least 2 folds", nameof(folds));
        }
        var gold = new List<int>();
        var predicted = new List<int>();
        var baseline = new List<int>();
        for (var f = 0; f < folds; f++)
        {
            var train = examples.Where(e => FoldOf(e.Id, folds) != f).ToList();
            var test = examples.Where(e => FoldOf(e.Id, folds) == f && e.Measured is not null).ToList();
            if (test.Count == 0)
            {
                continue;
            }
            var model = new TopicModel(Fit(train, outletDesks, ct));
            foreach (var e in test)
            {
                gold.Add(e.Desk);
                var top = model.ProbabilitiesOf(e.Features)[0];
                predicted.Add(Desks.IndexOf(top.Desk));
                baseline.Add(Desks.IndexOf(KeywordBaseline.Classify(e.Title)));
            }
            progress?.Invoke($"fold {f + 1} of {folds}: {test.Count} measured");
        }
        var measuredDesks = gold.Distinct().Order().ToList();
        var f1 = measuredDesks.ToDictionary(c => Desks.Slugs[c], c => F1(gold, predicted, c));
        var bf1 = measuredDesks.ToDictionary(c => Desks.Slugs[c], c => F1(gold, baseline, c));
        return new TopicEvaluation(gold.Count, f1.Values.DefaultIfEmpty(0).Average(), Accuracy(gold, predicted),
            bf1.Values.DefaultIfEmpty(0).Average(), Accuracy(gold, baseline), f1, bf1);
    }

    /// <summary>F1 of one desk: its precision and recall among the measured examples.</summary>
    public static double F1(IReadOnlyList<int> gold, IReadOnlyList<int> predicted, int desk)
    {
        var tp = 0;
        var fp = 0;
        var fn = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            if (predicted[i] == desk && gold[i] == desk)
            {
                tp++;
            }
            else if (predicted[i] == desk)
            {
                fp++;
            }
            else if (gold[i] == desk)
            {
                fn++;
            }
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static double Accuracy(IReadOnlyList<int> gold, IReadOnlyList<int> predicted) =>
        gold.Count == 0 ? 0 : gold.Where((g, i) => predicted[i] == g).Count() / (double)gold.Count;
}

/// <summary>
/// The baseline the classifier is measured against: a desk's score is how many of its keywords a headline holds (whole
/// words, any case); the highest wins, ties go to the earlier desk, and a headline with none is <c>politics</c>.
/// </summary>
internal static partial class KeywordBaseline
{
    private static readonly (string Desk, string[] Words)[] Keywords =
    [
        ("politics", ["election", "vote", "senate", "congress", "president", "minister", "parliament", "governor", "democrats", "republicans", "gop", "biden", "trump", "law", "bill", "campaign", "policy", "government"]),
        ("business", ["market", "markets", "stocks", "economy", "inflation", "company", "companies", "bank", "prices", "trade", "billion", "deal", "ceo", "profit", "sales", "shares", "jobs"]),
        ("technology", ["tech", "technology", "software", "apple", "google", "facebook", "meta", "amazon", "microsoft", "twitter", "ai", "internet", "app", "apps", "crypto", "bitcoin", "hackers", "data", "cyber", "tesla", "iphone", "chip", "chips"]),
        ("science", ["science", "scientists", "study", "research", "researchers", "space", "nasa", "planet", "species", "fossil", "physics", "astronomers", "telescope", "discovery"]),
        ("health", ["covid", "vaccine", "health", "hospital", "virus", "disease", "cancer", "doctors", "pandemic", "omicron", "patients", "drug"]),
        ("environment", ["climate", "emissions", "environment", "pollution", "wildfire", "flood", "floods", "carbon", "warming", "drought", "energy", "storm"]),
        ("conflict", ["war", "military", "troops", "invasion", "missile", "army", "attack", "soldiers", "nato", "strike", "strikes", "forces"]),
        ("crime", ["police", "court", "judge", "arrested", "charged", "murder", "shooting", "trial", "prison", "sentenced", "killed", "guilty"]),
        ("society", ["school", "schools", "students", "protest", "rights", "women", "church", "teachers", "abortion", "immigrants", "migrants", "racism"]),
        ("culture", ["film", "movie", "show", "series", "season", "netflix", "tv", "music", "album", "actor", "actress", "star", "episode", "hbo", "disney", "book"]),
        ("sports", ["game", "team", "nfl", "nba", "league", "cup", "coach", "player", "players", "championship", "olympic", "olympics", "football", "soccer", "tennis"]),
        ("lifestyle", ["food", "travel", "dog", "cat", "wedding", "fashion", "recipe", "restaurant", "family", "pet"]),
    ];

    public static string Classify(string? text)
    {
        var words = Word().Matches(text ?? "").Select(m => m.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var best = "politics";
        var bestCount = 0;
        foreach (var (desk, list) in Keywords)
        {
            var count = list.Count(words.Contains);
            if (count > bestCount)
            {
                (best, bestCount) = (desk, count);
            }
        }
        return best;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
