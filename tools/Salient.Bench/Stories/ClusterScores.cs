namespace Salient.Bench.Stories;

/// <summary>B-cubed and pairwise precision, recall and F1 of a clustering against gold labels.</summary>
internal sealed record ClusterScores(double BcubedP, double BcubedR, double BcubedF1, double PairP, double PairR, double PairF1, int Clusters, int GoldClusters)
{
    public static ClusterScores Measure(IReadOnlyList<long> predicted, IReadOnlyList<string> gold)
    {
        if (predicted.Count != gold.Count)
        {
            throw new ArgumentException("predicted and gold labels differ in length");
        }
        var n = predicted.Count;
        var predSize = predicted.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var goldSize = gold.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var both = new Dictionary<(long, string), int>();
        for (var i = 0; i < n; i++)
        {
            both[(predicted[i], gold[i])] = both.GetValueOrDefault((predicted[i], gold[i])) + 1;
        }
        double p = 0, r = 0;
        for (var i = 0; i < n; i++)
        {
            var k = both[(predicted[i], gold[i])];
            p += (double)k / predSize[predicted[i]];
            r += (double)k / goldSize[gold[i]];
        }
        p = n == 0 ? 0 : p / n;
        r = n == 0 ? 0 : r / n;
        static double Pairs(long c) => c * (c - 1) / 2.0;
        var tp = both.Values.Sum(c => Pairs(c));
        var predPairs = predSize.Values.Sum(c => Pairs(c));
        var goldPairs = goldSize.Values.Sum(c => Pairs(c));
        var pp = predPairs == 0 ? 1 : tp / predPairs;
        var pr = goldPairs == 0 ? 1 : tp / goldPairs;
        return new ClusterScores(p, r, F1(p, r), pp, pr, F1(pp, pr), predSize.Count, goldSize.Count);
    }

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
