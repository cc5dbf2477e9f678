namespace Salient.Significance;

/// <summary>Rank correlation, error and ranking measures used by training and evaluation.</summary>
internal static class Statistics
{
    public static double MeanAbsoluteError(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        Check(predicted, actual);
        if (predicted.Count == 0)
        {
            return double.NaN;
        }
        double sum = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            sum += Math.Abs(predicted[i] - actual[i]);
        }
        return sum / predicted.Count;
    }

    /// <summary>Spearman's rank correlation, ties given their average rank; NaN when either side is constant.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Check(a, b);
        return Pearson(Ranks(a), Ranks(b));
    }

    public static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Check(a, b);
        var n = a.Count;
        if (n < 2)
        {
            return double.NaN;
        }
        var ma = a.Average();
        var mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < n; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa <= 0 || sbb <= 0 ? double.NaN : sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>Probability that a random positive scores above a random negative (ties count half).</summary>
    public static double Auc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0)
        {
            return double.NaN;
        }
        var all = positives.Select(v => (v, pos: true)).Concat(negatives.Select(v => (v, pos: false))).ToList();
        var ranks = Ranks(all.Select(p => p.v).ToList());
        double sum = 0;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].pos)
            {
                sum += ranks[i];
            }
        }
        var np = (double)positives.Count;
        return (sum - np * (np + 1) / 2) / (np * negatives.Count);
    }

    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var k = 0;
        while (k < order.Length)
        {
            var end = k;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[k]])
            {
                end++;
            }
            var rank = (k + end) / 2.0 + 1;
            for (var i = k; i <= end; i++)
            {
                ranks[order[i]] = rank;
            }
            k = end + 1;
        }
        return ranks;
    }

    private static void Check(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"lengths differ: {a.Count} and {b.Count}");
        }
    }
}
