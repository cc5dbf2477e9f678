using System.Text.Json;

using Salient.Writing;

namespace Salient.Bench.Writing;

/// <summary>One NeuS event: three outlets' title and lead, and the human neutral title and summary.</summary>
internal sealed record NeusCluster(string Id, IReadOnlyList<SourceArticle> Articles, string ReferenceTitle, string ReferenceSummary)
{
    public string Reference => ReferenceTitle + ". " + ReferenceSummary;

    public static List<NeusCluster> Read(string path, string split, int limit)
    {
        var list = new List<NeusCluster>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                var s = r.GetProperty("split").GetString();
                if (!string.Equals(split, "all", StringComparison.OrdinalIgnoreCase) && !string.Equals(s, split, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var articles = r.GetProperty("articles").EnumerateArray()
                    .Select(a => new SourceArticle(a.GetProperty("title").GetString() ?? "", a.TryGetProperty("text", out var t) ? t.GetString() : null))
                    .ToList();
                list.Add(new NeusCluster(r.GetProperty("cluster_id").GetString() ?? lineNo.ToString(System.Globalization.CultureInfo.InvariantCulture), articles,
                    r.GetProperty("reference_title").GetString() ?? "", r.GetProperty("reference_summary").GetString() ?? ""));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new SalientException($"{path} line {lineNo}: not a NeuS cluster ({e.Message})", e);
            }
            if (limit > 0 && list.Count >= limit)
            {
                break;
            }
        }
        return list;
    }
}

/// <summary>Sums the scores of one writer over the clusters and prints them.</summary>
internal sealed class SummaryEvaluation(string name)
{
    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are", "was", "were", "be",
        "been", "being", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she", "they", "his", "her", "their", "them",
        "who", "which", "what", "not", "no", "will", "would", "can", "could", "should", "may", "might", "s", "t", "into", "about", "after",
        "before", "over", "than", "then", "also", "more", "said", "says", "we", "i", "you", "our", "if", "so", "up", "out", "do", "did", "does",
    };

    private int _n;
    private double _r1, _r2, _rl, _titleRl, _words, _tokens, _supported, _content, _sentences;
    private int _refused, _refusedStories;
    private int _titleTwice, _repeats, _repeatStories, _titleDisagreements, _sentenceDisagreements, _disagreeStories, _opposed, _opposedStories;
    private readonly List<string> _repeatExamples = [];
    private readonly List<string> _numberExamples = [];

    public void Add(NeusCluster cluster, WrittenStory written)
    {
        var candidate = written.Title + ". " + written.Summary;
        var s = Rouge.Score(candidate, cluster.Reference);
        _r1 += s.R1;
        _r2 += s.R2;
        _rl += s.RL;
        _titleRl += Rouge.Lcs(Rouge.Tokens(written.Title), Rouge.Tokens(cluster.ReferenceTitle));
        _words += TextCleaner.CountWords(written.Summary);
        _tokens += Rouge.Tokens(candidate).Count;
        _sentences += written.Sentences.Count;
        var sourceTokens = new HashSet<string>(cluster.Articles.SelectMany(a => Rouge.Tokens(a.Title + " " + a.Text)), StringComparer.Ordinal);
        foreach (var t in Rouge.Tokens(written.Summary))
        {
            if (Stopwords.Contains(t))
            {
                continue;
            }
            _content++;
            if (sourceTokens.Contains(t))
            {
                _supported++;
            }
        }
        Check(written);
        _refused += written.Refused;
        _refusedStories += written.Refused > 0 ? 1 : 0;
        _n++;
    }

    /// <summary>Counts pairs of summary sentences that restate one fact, and numbers that disagree with the title or another sentence (<see cref="SummaryChecks"/>).</summary>
    private void Check(WrittenStory written)
    {
        var texts = written.Sentences.Select(s => s.Text).ToList();
        var words = texts.Select(SummaryChecks.ContentWords).ToList();
        var quantities = texts.Select(SummaryChecks.Quantities).ToList();
        var title = SummaryChecks.Quantities(written.Title);
        var titleWords = SummaryChecks.ContentWords(written.Title);
        var directions = texts.Select(SummaryChecks.Direction).ToList();
        var titleDirection = SummaryChecks.Direction(written.Title);
        int repeats = 0, disagreements = 0, opposed = 0;
        if (words.Count(w => SummaryChecks.TellsTitle(w, titleWords)) >= 2)
        {
            _titleTwice++;
            Example(_repeatExamples, $"title's fact told twice: \"{written.Title}\" / {string.Join(" / ", texts.Where((_, i) => SummaryChecks.TellsTitle(words[i], titleWords)).Select(t => $"\"{t}\""))}");
        }
        for (var i = 0; i < texts.Count; i++)
        {
            if (SummaryChecks.Opposes(words[i], directions[i], titleWords, titleDirection))
            {
                opposed++;
                Example(_numberExamples, $"moves the other way from the title: \"{written.Title}\" / \"{texts[i]}\"");
            }
            for (var j = i + 1; j < texts.Count; j++)
            {
                if (SummaryChecks.Opposes(words[i], directions[i], words[j], directions[j]))
                {
                    opposed++;
                    Example(_numberExamples, $"opposite movements: \"{texts[i]}\" / \"{texts[j]}\"");
                }
            }
            if (SummaryChecks.Disagrees(quantities[i], title))
            {
                _titleDisagreements++;
                disagreements++;
                Example(_numberExamples, $"number disagrees with the title: \"{written.Title}\" / \"{texts[i]}\"");
            }
            for (var j = i + 1; j < texts.Count; j++)
            {
                if (SummaryChecks.Restates(words[i], quantities[i], words[j], quantities[j]))
                {
                    repeats++;
                    Example(_repeatExamples, $"repeated fact: \"{texts[i]}\" / \"{texts[j]}\"");
                }
                if (SummaryChecks.Disagrees(quantities[i], quantities[j]) || SummaryChecks.Disagrees(quantities[j], quantities[i]))
                {
                    _sentenceDisagreements++;
                    disagreements++;
                    Example(_numberExamples, $"numbers disagree: \"{texts[i]}\" / \"{texts[j]}\"");
                }
            }
        }
        _repeats += repeats;
        _repeatStories += repeats > 0 ? 1 : 0;
        _disagreeStories += disagreements > 0 ? 1 : 0;
        _opposed += opposed;
        _opposedStories += opposed > 0 ? 1 : 0;
    }

    private static void Example(List<string> examples, string text)
    {
        if (examples.Count < 4)
        {
            examples.Add(text);
        }
    }

    public void Print()
    {
        var n = Math.Max(_n, 1);
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        Console.WriteLine($"== {name}");
        Console.WriteLine(string.Create(ci, $"ROUGE-1 {100 * _r1 / n:0.00}  ROUGE-2 {100 * _r2 / n:0.00}  ROUGE-L {100 * _rl / n:0.00}  (F1, title + \". \" + summary)"));
        Console.WriteLine(string.Create(ci, $"title ROUGE-L {100 * _titleRl / n:0.00}"));
        Console.WriteLine(string.Create(ci, $"mean summary length {_words / n:0.0} words; title + summary {_tokens / n:0.0} tokens; {_sentences / n:0.00} sentences"));
        Console.WriteLine(string.Create(ci, $"summary content words found in the sources {100 * _supported / Math.Max(_content, 1):0.0}%"));
        Console.WriteLine(string.Create(ci,
            $"repeated-fact pairs {_repeats} (in {_repeatStories} of {_n} stories); the title's fact told by two sentences or more in {_titleTwice} stories; number disagreements {_titleDisagreements + _sentenceDisagreements} ({_titleDisagreements} with the title, {_sentenceDisagreements} between sentences; in {_disagreeStories} stories); opposite movements (up and down) {_opposed} (in {_opposedStories} stories)"));
        Console.WriteLine(string.Create(ci, $"sentences refused as unrelated to the story {_refused} (in {_refusedStories} stories)"));
        foreach (var e in _repeatExamples.Concat(_numberExamples))
        {
            Console.WriteLine($"    {e}");
        }
    }
}
