using Salient.Writing;

namespace Salient.Bench.Writing;

/// <summary>
/// ROUGE as the NeuS evaluation computes it: lowercase [a-z0-9]+ tokens, no stemming, F1; ROUGE-L is the
/// longest common subsequence over the whole text (no sentence splitting).
/// </summary>
internal static class Rouge
{
    public readonly record struct Scores(double R1, double R2, double RL);

    public static List<string> Tokens(string? text)
    {
        var list = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return list;
        }
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? char.ToLowerInvariant(text[i]) : ' ';
            var token = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (token && start < 0)
            {
                start = i;
            }
            else if (!token && start >= 0)
            {
                list.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return list;
    }

    public static Scores Score(string candidate, string reference)
    {
        var c = Tokens(candidate);
        var r = Tokens(reference);
        return new Scores(NGram(c, r, 1), NGram(c, r, 2), Lcs(c, r));
    }

    public static double NGram(List<string> c, List<string> r, int n)
    {
        var cc = Counts(c, n);
        var rc = Counts(r, n);
        var total = 0;
        foreach (var (gram, count) in cc)
        {
            total += Math.Min(count, rc.GetValueOrDefault(gram));
        }
        return F1(total, c.Count - n + 1, r.Count - n + 1);
    }

    public static double Lcs(List<string> c, List<string> r)
    {
        if (c.Count == 0 || r.Count == 0)
        {
            return 0;
        }
        var prev = new int[r.Count + 1];
        var cur = new int[r.Count + 1];
        for (var i = 1; i <= c.Count; i++)
        {
            for (var j = 1; j <= r.Count; j++)
            {
                cur[j] = string.Equals(c[i - 1], r[j - 1], StringComparison.Ordinal) ? prev[j - 1] + 1 : Math.Max(prev[j], cur[j - 1]);
            }
            (prev, cur) = (cur, prev);
        }
        return F1(prev[r.Count], c.Count, r.Count);
    }

    private static double F1(int overlap, int candidateCount, int referenceCount)
    {
        if (overlap == 0 || candidateCount <= 0 || referenceCount <= 0)
        {
            return 0;
        }
        var p = (double)overlap / candidateCount;
        var rec = (double)overlap / referenceCount;
        return 2 * p * rec / (p + rec);
    }

    private static Dictionary<string, int> Counts(List<string> tokens, int n)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var gram = n == 1 ? tokens[i] : string.Join(' ', tokens.GetRange(i, n));
            d[gram] = d.GetValueOrDefault(gram) + 1;
        }
        return d;
    }
}
