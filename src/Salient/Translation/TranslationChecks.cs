using System.Text.RegularExpressions;
using Salient.Extraction;
using Salient.Writing;

namespace Salient.Translation;

/// <summary>
/// What an LLM's translation of a story's title and summary must pass before it is shown, like every other LLM
/// sentence: something in each part, no longer than a translation can be, no markup, no link or address the original
/// does not have, no echo of the instructions or talk about the task, no number the original does not give (digits
/// and words, as <see cref="FactChecker.UnsupportedNumbers"/> compares them), and no longer the original's language.
/// </summary>
internal static partial class TranslationChecks
{
    /// <summary>An answer longer than this is no translation of a title and a summary, whatever they are.</summary>
    public const int MaxReplyChars = 8_000;

    /// <summary>A translated title is at most this long.</summary>
    public const int MaxTitleChars = 300;

    /// <summary>A translated summary is at most this long.</summary>
    public const int MaxSummaryChars = 2_000;

    // Talk about the task instead of the translation; a news title or summary never holds these.
    private static readonly string[] TaskTalk =
    [
        "translat", "json", "as an ai", "language model", "here is", "here's", "i cannot", "i can't", "i am unable", "sorry,",
        "original text", "source text", "target language", "note:", "{", "}",
    ];

    // Number words of the languages most often translated (the original's side only, so "drei" supports "three").
    private static readonly Dictionary<string, string> ForeignNumbers = new(StringComparer.Ordinal)
    {
        // German
        ["ein"] = "1", ["eine"] = "1", ["eins"] = "1", ["zwei"] = "2", ["drei"] = "3", ["vier"] = "4", ["funf"] = "5", ["sechs"] = "6", ["sieben"] = "7",
        ["acht"] = "8", ["neun"] = "9", ["zehn"] = "10", ["elf"] = "11", ["zwolf"] = "12", ["zwanzig"] = "20", ["hundert"] = "100", ["tausend"] = "1000",
        ["millionen"] = "1000000", ["milliarde"] = "1000000000", ["milliarden"] = "1000000000", ["erste"] = "1st", ["ersten"] = "1st", ["zweite"] = "2nd",
        ["dritte"] = "3rd", ["halb"] = "half", ["halbe"] = "half", ["doppelt"] = "double",
        // French
        ["un"] = "1", ["une"] = "1", ["deux"] = "2", ["trois"] = "3", ["quatre"] = "4", ["cinq"] = "5", ["sept"] = "7", ["huit"] = "8", ["neuf"] = "9",
        ["dix"] = "10", ["onze"] = "11", ["douze"] = "12", ["vingt"] = "20", ["cent"] = "100", ["mille"] = "1000", ["millions"] = "1000000",
        ["milliard"] = "1000000000", ["milliards"] = "1000000000", ["premier"] = "1st", ["premiere"] = "1st", ["deuxieme"] = "2nd", ["troisieme"] = "3rd",
        ["moitie"] = "half",
        // Spanish, Italian, Portuguese
        ["uno"] = "1", ["dos"] = "2", ["tres"] = "3", ["cuatro"] = "4", ["cinco"] = "5", ["seis"] = "6", ["siete"] = "7", ["ocho"] = "8", ["nueve"] = "9",
        ["diez"] = "10", ["veinte"] = "20", ["cien"] = "100", ["mil"] = "1000", ["millones"] = "1000000", ["primer"] = "1st", ["primero"] = "1st",
        ["primera"] = "1st", ["segundo"] = "2nd", ["tercer"] = "3rd", ["mitad"] = "half", ["due"] = "2", ["tre"] = "3", ["quattro"] = "4",
        ["sei"] = "6", ["sette"] = "7", ["otto"] = "8", ["nove"] = "9", ["dieci"] = "10", ["venti"] = "20", ["cento"] = "100", ["mille "] = "1000",
        ["milioni"] = "1000000", ["miliardi"] = "1000000000", ["primo"] = "1st", ["prima"] = "1st", ["secondo"] = "2nd", ["terzo"] = "3rd",
        ["um"] = "1", ["uma"] = "1", ["dois"] = "2", ["duas"] = "2", ["quatro"] = "4", ["milhoes"] = "1000000", ["bilhoes"] = "1000000000",
        // Dutch
        ["een"] = "1", ["twee"] = "2", ["drie"] = "3", ["vijf"] = "5", ["zes"] = "6", ["zeven"] = "7", ["negen"] = "9", ["tien"] = "10",
        ["twintig"] = "20", ["honderd"] = "100", ["duizend"] = "1000", ["miljoen"] = "1000000", ["miljard"] = "1000000000", ["eerste"] = "1st", ["tweede"] = "2nd",
    };

    /// <summary>The result of the checks: the translation to store, or why it is refused.</summary>
    public sealed record Outcome(string? Title, string? Summary, IReadOnlyList<string> Problems)
    {
        public bool Accepted => Problems.Count == 0 && Title is not null;
    }

    /// <summary>
    /// Checks the LLM's <paramref name="reply"/> (JSON <c>{title, summary}</c>) as a translation from <paramref name="from"/>
    /// into <paramref name="to"/> of <paramref name="title"/> and <paramref name="summary"/>; both parts pass or neither is used.
    /// </summary>
    public static Outcome Check(string from, string to, string title, string summary, string reply, string systemPrompt)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Length > MaxReplyChars)
        {
            return Refused($"the answer is {reply.Length:N0} characters, more than a translation of a title and summary can be");
        }
        if (!LlmWriter.TryParse(reply, out var newTitle, out var newSummary))
        {
            return Refused("the answer is not the JSON {title, summary} asked for");
        }
        newTitle = Space(newTitle);
        newSummary = Space(newSummary);
        var problems = new List<string>();
        if (newTitle.Length == 0)
        {
            problems.Add("the title is empty");
        }
        if (newSummary.Length == 0 && Space(summary).Length > 0)
        {
            problems.Add("the summary is empty");
        }
        var checker = new FactChecker([new SourceArticle(title, summary + " " + DigitsOf(title + " " + summary), null, null, null, null)]);
        CheckPart("title", title, newTitle, Math.Min(MaxTitleChars, title.Length * 3 + 60), checker, systemPrompt, problems);
        CheckPart("summary", summary, newSummary, Math.Min(MaxSummaryChars, summary.Length * 3 + 120), checker, systemPrompt, problems);
        if (Same(title, newTitle) && Same(summary, newSummary))
        {
            problems.Add("the answer repeats the original untranslated");
        }
        else if (LanguageIdentifier.Shared.Detect(newTitle + ". " + newSummary) is { } detected && detected == from && detected != to)
        {
            problems.Add($"the answer is still in {Web.Languages.Name(from)}");
        }
        else if (MostlyOriginal(title + " " + summary, newTitle + " " + newSummary))
        {
            problems.Add("the answer is mostly the original's own words");
        }
        return problems.Count == 0 ? new Outcome(newTitle, newSummary, []) : new Outcome(null, null, problems);
    }

    private static Outcome Refused(string problem) => new(null, null, [problem]);

    private static void CheckPart(string part, string original, string text, int maxChars, FactChecker checker, string systemPrompt, List<string> problems)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (text.Length > maxChars)
        {
            problems.Add($"the {part} is {text.Length} characters, longer than a translation of {original.Length} can be (at most {maxChars})");
        }
        if (Markup().IsMatch(text) && !Markup().IsMatch(original))
        {
            problems.Add($"the {part} holds markup");
        }
        foreach (Match m in Address().Matches(text))
        {
            if (!original.Contains(m.Value, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"the {part} holds a link or address the original has not ({m.Value})");
                break;
            }
        }
        var lower = text.ToLowerInvariant();
        var originalLower = original.ToLowerInvariant();
        foreach (var talk in TaskTalk)
        {
            if (lower.Contains(talk, StringComparison.Ordinal) && !originalLower.Contains(talk, StringComparison.Ordinal))
            {
                problems.Add($"the {part} talks about the task (\"{talk}\")");
                break;
            }
        }
        if (EchoesPrompt(text, systemPrompt))
        {
            problems.Add($"the {part} repeats the instructions");
        }
        foreach (var n in checker.UnsupportedNumbers(text))
        {
            problems.Add($"the {part} has a {n} the original has not");
        }
    }

    /// <summary>The original's number words of other languages as digits, so a translation may give them either way.</summary>
    private static string DigitsOf(string original) =>
        string.Join(' ', TextCleaner.Tokens(original).Select(t => ForeignNumbers.GetValueOrDefault(t.Trim())).Where(d => d is not null));

    /// <summary>Whether five words in a row of the instructions appear in the text.</summary>
    private static bool EchoesPrompt(string text, string systemPrompt)
    {
        var prompt = TextCleaner.Tokens(systemPrompt);
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 5 <= prompt.Count; i++)
        {
            grams.Add(string.Join(' ', prompt.Skip(i).Take(5)));
        }
        var tokens = TextCleaner.Tokens(text);
        for (var i = 0; i + 5 <= tokens.Count; i++)
        {
            if (grams.Contains(string.Join(' ', tokens.Skip(i).Take(5))))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether at least 70% of the translation's longer words (four letters or more, five of them at least) are the original's own.</summary>
    private static bool MostlyOriginal(string original, string translation)
    {
        var source = new HashSet<string>(TextCleaner.Tokens(original).Where(t => t.Length >= 4 && !char.IsAsciiDigit(t[0])), StringComparer.Ordinal);
        var words = TextCleaner.Tokens(translation).Where(t => t.Length >= 4 && !char.IsAsciiDigit(t[0])).ToList();
        return words.Count >= 5 && words.Count(source.Contains) >= 0.7 * words.Count;
    }

    private static bool Same(string a, string b) => string.Join(' ', TextCleaner.Tokens(a)) == string.Join(' ', TextCleaner.Tokens(b));

    private static string Space(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"<\s*/?\s*[A-Za-z!?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]{2,8});|\]\(|```|\*\*")]
    private static partial Regex Markup();

    [GeneratedRegex(@"(?i)\b(?:https?|ftp|javascript|data|mailto):\S*|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|net|org|io|info|biz|ru|cn|xyz|top)\b\S*")]
    private static partial Regex Address();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
