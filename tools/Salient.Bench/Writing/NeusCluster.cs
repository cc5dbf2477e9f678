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
        _n++;
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
    }
}
