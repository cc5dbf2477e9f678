using System.Numerics.Tensors;

namespace Salient.Stories;

/// <summary>
/// What "More on this topic" knows of a story: its unit centroid, its newest article's time, the terms of its title and
/// lead (<see cref="StoryText.Terms"/>), and its desks and countries once it has been scored (empty before).
/// </summary>
internal sealed record RelatedProfile(long Id, float[] Unit, long LastPublished, TermBag Terms, IReadOnlyList<string> Desks, IReadOnlyList<string> Countries)
{
    /// <summary>Characters of the representative article's text whose terms count, as much as the embedding reads.</summary>
    public const int LeadChars = 600;

    /// <summary>
    /// A profile from a story's row; null when its centroid is missing, of another size, or zero. <paramref name="names"/>:
    /// the words the story's text writes as names (<see cref="StoryText.NamesIn"/>), which then tell the names of a title
    /// in Title Case; null: the title's own capitals.
    /// </summary>
    public static RelatedProfile? Of(long id, float[]? centroid, long lastPublished, string? title, string? repTitle, string? lead, string? desks, string? countries,
        IReadOnlySet<string>? names = null)
    {
        if (centroid is null || centroid.Length == 0)
        {
            return null;
        }
        var norm = TensorPrimitives.Norm(centroid);
        if (norm == 0 || !float.IsFinite(norm))
        {
            return null;
        }
        var unit = new float[centroid.Length];
        TensorPrimitives.Divide(centroid, norm, unit);
        var heading = string.Equals(title, repTitle, StringComparison.Ordinal) || string.IsNullOrWhiteSpace(repTitle) ? title ?? "" : $"{title}\n{repTitle}";
        return new RelatedProfile(id, unit, lastPublished, StoryText.Terms(heading, lead, LeadChars, names), List(desks), List(countries));
    }

    /// <summary>",politics,conflict," (the stored form of desks and countries) as a list.</summary>
    private static string[] List(string? joined) =>
        string.IsNullOrWhiteSpace(joined) ? [] : joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>How many of the stories a list is chosen from hold each term: what makes a shared name telling or common.</summary>
internal sealed class TermCounts
{
    private readonly Dictionary<string, int> _df;

    public TermCounts() => _df = new Dictionary<string, int>(StringComparer.Ordinal);

    private TermCounts(Dictionary<string, int> df, int docs)
    {
        _df = df;
        Docs = docs;
    }

    public int Docs { get; private set; }

    public void Add(TermBag bag)
    {
        Docs++;
        foreach (var t in bag.Terms)
        {
            _df[t] = _df.GetValueOrDefault(t) + 1;
        }
    }

    public void Remove(TermBag bag)
    {
        Docs = Math.Max(0, Docs - 1);
        foreach (var t in bag.Terms)
        {
            var n = _df.GetValueOrDefault(t) - 1;
            if (n <= 0)
            {
                _df.Remove(t);
            }
            else
            {
                _df[t] = n;
            }
        }
    }

    /// <summary>A copy to read while this one goes on changing.</summary>
    public TermCounts Copy() => new(new Dictionary<string, int>(_df, StringComparer.Ordinal), Docs);

    public static TermCounts Of(IEnumerable<RelatedProfile> profiles)
    {
        var counts = new TermCounts();
        foreach (var p in profiles)
        {
            counts.Add(p.Terms);
        }
        return counts;
    }

    /// <summary>Smoothed inverse document frequency, as the assigner weighs terms.</summary>
    public double Idf(string term) => Math.Log((Docs + 1.0) / (_df.GetValueOrDefault(term) + 1.0)) + 1.0;
}

/// <summary>
/// The rule of "More on this topic": another story is listed only when it is about the same thread, actors or place,
/// and none is listed rather than a weak one. A candidate must
/// <list type="number">
/// <item>have an article at most 48 hours before the story's newest (or any time after it);</item>
/// <item>lie near in topic: centroid cosine at least <see cref="MinSimilarity"/>;</item>
/// <item>share words that embeddings blur, the names, places and things of the titles and leads: IDF-weighted term
/// cosine at least <see cref="MinLexical"/>, so that two stories that merely read alike (a central bank's rates and an
/// election audit, both "officials said on Tuesday") are not listed;</item>
/// <item>when both are scored, share a desk, and share a country when both are about some country.</item>
/// </list>
/// Listed nearest first by <c>cosine + 0.6 × lexical</c>, as story assignment weighs the two.
/// </summary>
/// <summary>The rule's settings; <see cref="Default"/> is what the site uses, the others are for measuring what each part does.</summary>
internal sealed record RelatedSettings(double MinSimilarity = RelatedRule.MinSimilarity, double MinLexical = RelatedRule.MinLexical, bool Sections = true, double LexicalWeight = RelatedRule.LexicalWeight)
{
    public static readonly RelatedSettings Default = new();

    /// <summary>The rule before names and sections counted: centroid cosine alone.</summary>
    public static readonly RelatedSettings CosineOnly = new(MinLexical: double.NegativeInfinity, Sections: false, LexicalWeight: 0);
}

internal static class RelatedRule
{
    public const long WindowMs = 48 * 3_600_000L;
    public const double MinSimilarity = 0.45;
    public const double MinLexical = 0.2;
    public const double LexicalWeight = 0.6;

    /// <summary>Up to <paramref name="count"/> ids of <paramref name="candidates"/> related to <paramref name="anchor"/>, best first.</summary>
    public static List<long> Nearest(RelatedProfile anchor, IEnumerable<RelatedProfile> candidates, TermCounts counts, int count, RelatedSettings? settings = null)
    {
        var rule = settings ?? RelatedSettings.Default;
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(counts);
        var best = new List<(long Id, double Score)>(count + 1);
        if (count <= 0)
        {
            return [];
        }
        foreach (var c in candidates)
        {
            if (Score(anchor, c, counts, rule) is not { } score || (best.Count == count && !Better(score, c.Id, best[^1])))
            {
                continue;
            }
            var at = best.FindIndex(b => Better(score, c.Id, b));
            best.Insert(at < 0 ? best.Count : at, (c.Id, score));
            if (best.Count > count)
            {
                best.RemoveAt(best.Count - 1);
            }
        }
        return best.Select(b => b.Id).ToList();
    }

    /// <summary>How near <paramref name="candidate"/> is to <paramref name="anchor"/> by the rule; null when it is not related.</summary>
    public static double? Score(RelatedProfile anchor, RelatedProfile candidate, TermCounts counts, RelatedSettings rule)
    {
        if (candidate.Id == anchor.Id || candidate.LastPublished < anchor.LastPublished - WindowMs || candidate.Unit.Length != anchor.Unit.Length)
        {
            return null;
        }
        var cosine = TensorPrimitives.Dot(anchor.Unit, candidate.Unit);
        if (cosine < rule.MinSimilarity)
        {
            return null;
        }
        if (rule.Sections && (!Overlap(anchor.Desks, candidate.Desks) || !Overlap(anchor.Countries, candidate.Countries)))
        {
            return null;
        }
        if (rule.LexicalWeight == 0 && double.IsNegativeInfinity(rule.MinLexical))
        {
            return cosine;
        }
        var lexical = Lexical(anchor.Terms, candidate.Terms, counts);
        if (lexical < rule.MinLexical)
        {
            return null;
        }
        return cosine + rule.LexicalWeight * lexical;
    }

    /// <summary>True when either list is unknown (empty) or they share an entry.</summary>
    private static bool Overlap(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == 0 || b.Count == 0 || a.Any(x => b.Contains(x, StringComparer.OrdinalIgnoreCase));

    /// <summary>Cosine of the two term bags weighted by IDF: a shared rare name counts for much, a common word for little.</summary>
    public static double Lexical(TermBag a, TermBag b, TermCounts counts)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Terms.Length; i++)
        {
            var x = a.Weights[i] * counts.Idf(a.Terms[i]);
            na += x * x;
        }
        for (var j = 0; j < b.Terms.Length; j++)
        {
            var x = b.Weights[j] * counts.Idf(b.Terms[j]);
            nb += x * x;
        }
        // Both bags are sorted by term (ordinal).
        for (int i = 0, j = 0; i < a.Terms.Length && j < b.Terms.Length;)
        {
            var cmp = string.CompareOrdinal(a.Terms[i], b.Terms[j]);
            if (cmp == 0)
            {
                var idf = counts.Idf(a.Terms[i]);
                dot += a.Weights[i] * b.Weights[j] * idf * idf;
                i++;
                j++;
            }
            else if (cmp < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>Whether a candidate of <paramref name="score"/> ranks above <paramref name="than"/>: higher score, then lower id.</summary>
    public static bool Better(double score, long id, (long Id, double Score) than) =>
        score > than.Score || (score == than.Score && id < than.Id);
}
