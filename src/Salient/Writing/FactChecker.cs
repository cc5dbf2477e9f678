using System.Text;
using System.Text.RegularExpressions;

namespace Salient.Writing;

/// <summary>
/// Checks generated text against the story's sources: every number, every name (a capitalised word that
/// is not merely a sentence's first word) and every quotation must appear in some source, and quotation
/// marks may surround only words that a source itself quotes.
/// </summary>
internal sealed partial class FactChecker
{
    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["zero"] = "0", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7",
        ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["thirteen"] = "13", ["fourteen"] = "14",
        ["fifteen"] = "15", ["sixteen"] = "16", ["seventeen"] = "17", ["eighteen"] = "18", ["nineteen"] = "19", ["twenty"] = "20",
        ["thirty"] = "30", ["forty"] = "40", ["fifty"] = "50", ["sixty"] = "60", ["seventy"] = "70", ["eighty"] = "80", ["ninety"] = "90",
        ["hundred"] = "100", ["thousand"] = "1000", ["million"] = "1000000", ["billion"] = "1000000000", ["trillion"] = "1000000000000",
        ["dozen"] = "12", ["dozens"] = "dozens", ["hundreds"] = "hundreds", ["thousands"] = "thousands", ["millions"] = "millions", ["billions"] = "billions",
        ["first"] = "1st", ["second"] = "2nd", ["third"] = "3rd", ["fourth"] = "4th", ["fifth"] = "5th", ["half"] = "half", ["twice"] = "twice",
        ["double"] = "double", ["triple"] = "triple",
    };

    // Capitalised words that start sentences without naming anything.
    private static readonly HashSet<string> PlainStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "after", "before", "meanwhile", "however", "in", "on", "at", "this", "these", "those", "that", "it", "its", "he", "she",
        "they", "their", "his", "her", "officials", "critics", "supporters", "both", "while", "as", "when", "with", "amid", "under", "despite",
        "according", "also", "some", "many", "several", "others", "other", "but", "and", "if", "since", "until", "during", "following", "there",
        "here", "now", "then", "later", "earlier", "separately", "additionally", "one", "two", "three", "most", "all", "no", "not", "for", "from", "by",
        "to", "of", "lawmakers", "authorities", "police", "experts", "analysts", "residents", "observers", "reports", "the", "we", "i",
    };


    private readonly string _text;
    private readonly HashSet<string> _tokens;
    private readonly HashSet<string> _numbers;
    private readonly List<string> _quoted;

    public FactChecker(IEnumerable<SourceArticle> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var sb = new StringBuilder();
        foreach (var a in sources)
        {
            sb.Append(a.Title).Append(" \n ").Append(a.Text).Append(" \n ");
        }
        var raw = Canonical(sb.ToString());
        _text = Squash(raw);
        _tokens = new HashSet<string>(TextCleaner.Tokens(raw), StringComparer.Ordinal);
        _numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Number().Matches(raw))
        {
            _numbers.Add(NormaliseNumber(m.Value));
        }
        foreach (var t in _tokens)
        {
            if (NumberWords.TryGetValue(t, out var n))
            {
                _numbers.Add(n);
                _numbers.Add(t);
            }
        }
        _quoted = Quotations(raw).Select(Squash).ToList();
    }

    /// <summary>
    /// The numbers in <paramref name="sentence"/> no source gives, in digits or in words ("three" is a source's 3, and the
    /// reverse); empty when every number is supported. Names and quotations are not looked at.
    /// </summary>
    public List<string> UnsupportedNumbers(string sentence)
    {
        var problems = new List<string>();
        var s = Canonical(sentence);
        foreach (Match m in Number().Matches(s))
        {
            var n = NormaliseNumber(m.Value);
            if (!_numbers.Contains(n))
            {
                problems.Add($"number {m.Value}");
            }
        }
        foreach (var t in TextCleaner.Tokens(s))
        {
            if (NumberWords.TryGetValue(t, out var n) && !_numbers.Contains(n) && !_numbers.Contains(t) && !_tokens.Contains(t))
            {
                problems.Add($"number {t}");
            }
        }
        return problems;
    }

    /// <summary>What in <paramref name="sentence"/> no source supports; empty when it passes.</summary>
    public List<string> Unsupported(string sentence)
    {
        var problems = UnsupportedNumbers(sentence);
        var s = Canonical(sentence);
        var words = Word().Matches(s);
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i].Value;
            if (!char.IsUpper(w[0]))
            {
                continue;
            }
            var before = s[..words[i].Index].TrimEnd();
            var sentenceStart = before.Length == 0 || before[^1] is '.' or '!' or '?' or ':' or '"' or '“' or '(' or '—' or '–';
            if ((sentenceStart && PlainStarts.Contains(w)) || NumberWords.ContainsKey(w.ToLowerInvariant()))
            {
                continue;
            }
            foreach (var part in TextCleaner.Tokens(w))
            {
                if (part is "s" || _tokens.Contains(part))
                {
                    continue;
                }
                problems.Add($"name {w}");
                break;
            }
        }
        foreach (var q in Quotations(s))
        {
            var needle = Squash(q);
            if (needle.Length == 0)
            {
                continue;
            }
            if (!_quoted.Any(x => x.Contains(needle, StringComparison.Ordinal)))
            {
                problems.Add(_text.Contains(needle, StringComparison.Ordinal) ? $"quotation marks around unquoted words \"{q}\"" : $"quotation \"{q}\"");
            }
        }
        return problems;
    }

    public bool Supports(string sentence) => Unsupported(sentence).Count == 0;

    /// <summary>The text's quotations: spans inside double quotes, or inside single quotes that open at a word's start.</summary>
    private static IEnumerable<string> Quotations(string canonical)
    {
        foreach (Match m in DoubleQuoted().Matches(canonical))
        {
            yield return m.Groups[1].Value;
        }
        foreach (Match m in SingleQuoted().Matches(canonical))
        {
            yield return m.Groups[1].Value;
        }
    }

    /// <summary>Folds accents and typographic quotes, dashes and spaces to plain forms.</summary>
    private static string Canonical(string text)
    {
        var t = TextCleaner.Fold(text)
            .Replace('“', '"').Replace('”', '"').Replace('„', '"').Replace('«', '"').Replace('»', '"')
            .Replace('‘', '\'').Replace('’', '\'').Replace('–', '-').Replace('—', '-').Replace('\u00A0', ' ');
        return t.Replace("%", " percent", StringComparison.Ordinal);
    }

    /// <summary>Lowercase tokens joined by single spaces: what quotations are compared in.</summary>
    private static string Squash(string text) => " " + string.Join(' ', TextCleaner.Tokens(text)) + " ";

    private static string NormaliseNumber(string n)
    {
        var t = n.Replace(",", "", StringComparison.Ordinal).TrimEnd('.');
        if (t.Contains('.', StringComparison.Ordinal))
        {
            t = t.TrimEnd('0').TrimEnd('.');
        }
        return t;
    }

    [GeneratedRegex(@"\d[\d,]*(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"[\p{L}][\p{L}'\-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"""([^""]{2,400})""")]
    private static partial Regex DoubleQuoted();

    [GeneratedRegex(@"(?<![\p{L}\d])'([^']{2,200}?)'(?![\p{L}\d])")]
    private static partial Regex SingleQuoted();
}
