namespace Salient.Writing;

/// <summary>
/// Whether a sentence is about its story at all. Extraction keeps what a page shows below a short article (readers'
/// comments that carry no mark, a "most read" list), and such a line may otherwise read as a summary sentence. A
/// sentence of article <c>i</c> is <em>related</em> when at least <see cref="MinSharedWords"/> of its content words
/// (<see cref="SummaryChecks.ContentWords"/>), or at least <see cref="MinSharedShare"/> of them, occur in the story's
/// anchor: every article's title and feed description, the leads (first <see cref="LeadChars"/> characters) of the
/// story's other articles, and the sentences of its own article already found related (asked in the article's order,
/// so a sentence that goes on with what the article said is related; a comment or a list item, sharing nothing with
/// it, is not). Where sentence vectors are at hand (a story of several articles), a sentence whose cosine to the story's
/// centroid reaches <see cref="MinCentroid"/> is related too, whatever its words.
/// </summary>
internal sealed class Relevance
{
    public const int MinSharedWords = 2;
    public const double MinSharedShare = 0.25;
    public const double MinCentroid = 0.35;
    public const int LeadChars = 600;

    private readonly HashSet<string> _heads;
    private readonly HashSet<string>[] _leads;
    private readonly HashSet<string>[] _accepted;

    private Relevance(HashSet<string> heads, HashSet<string>[] leads)
    {
        _heads = heads;
        _leads = leads;
        _accepted = leads.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
    }

    public static Relevance Of(IReadOnlyList<SourceArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var heads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in articles)
        {
            heads.UnionWith(SummaryChecks.ContentWords(a.Title));
            heads.UnionWith(SummaryChecks.ContentWords(a.Description));
        }
        var leads = articles.Select(a => SummaryChecks.ContentWords(a.Text is { Length: > LeadChars } t ? t[..LeadChars] : a.Text)).ToArray();
        return new Relevance(heads, leads);
    }

    /// <summary>How many of the sentence's content words the anchor of article <paramref name="article"/> holds, of how many.</summary>
    public (int Shared, int Words) Shared(string sentence, int article)
    {
        var words = SummaryChecks.ContentWords(sentence);
        var shared = 0;
        foreach (var w in words)
        {
            if (_heads.Contains(w) || (article >= 0 && article < _accepted.Length && _accepted[article].Contains(w)) || _leads.Where((_, i) => i != article).Any(l => l.Contains(w)))
            {
                shared++;
            }
        }
        return (shared, words.Count);
    }

    /// <summary>
    /// True when the sentence of article <paramref name="article"/> is related to its story (see the type); a related
    /// sentence's words join its article's anchor for the sentences after it.
    /// </summary>
    /// <param name="lenient">One shared word is enough: for the sentences of an article already taken as an article (see <see cref="ExtractiveWriter"/>).</param>
    public bool IsRelated(string sentence, int article, double? centroidCosine = null, bool lenient = false)
    {
        var related = lenient ? Shared(sentence, article).Shared > 0 : Reads(sentence, article, centroidCosine);
        if (related)
        {
            Accept(sentence, article);
        }
        return related;
    }

    /// <summary>As <see cref="IsRelated"/>, without adding the sentence to the anchor.</summary>
    public bool Reads(string sentence, int article, double? centroidCosine = null)
    {
        var (shared, words) = Shared(sentence, article);
        return (centroidCosine is { } c && c >= MinCentroid) || shared >= MinSharedWords || (shared > 0 && shared >= MinSharedShare * words);
    }

    /// <summary>Takes the sentence as related: its words join its article's anchor.</summary>
    public void Accept(string sentence, int article)
    {
        if (article >= 0 && article < _accepted.Length)
        {
            _accepted[article].UnionWith(SummaryChecks.ContentWords(sentence));
        }
    }
}
