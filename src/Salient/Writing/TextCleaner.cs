using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Salient.Writing;

/// <summary>
/// Turns article text into clean sentences a summary may quote: splits sentences, strips datelines
/// ("WASHINGTON (AP) —"), bylines, "click here" and other boilerplate, and drops what is no sentence of news.
/// </summary>
internal static partial class TextCleaner
{
    // Abbreviations after which a full stop does not end a sentence.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gov", "sen", "rep", "reps", "sens", "gen", "lt", "col", "maj", "capt", "sgt",
        "adm", "cmdr", "pres", "supt", "rev", "hon", "amb", "atty", "insp", "det", "no", "nos", "vs", "v", "etc", "inc", "co", "corp", "ltd",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "dept", "est",
        "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "e.g", "i.e", "al", "approx", "fig", "op", "ph.d", "n.y", "l.a",
        "brig", "cpl", "pvt", "msgr", "fr", "asst", "assoc",
    };

    // States as news agencies abbreviate them ("Fresno, Calif."), only when capitalised; words that are also common
    // words or names ("Mass.", "Wash.", "Miss.", "Ill.", "Ind.") are left out, so their full stop still ends a sentence.
    private static readonly HashSet<string> StateAbbreviations = new(StringComparer.Ordinal)
    {
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Ga", "Kan", "Ky", "Md", "Mich", "Minn", "Mont", "Neb", "Nev",
        "Okla", "Ore", "Tenn", "Vt", "Va", "Wis", "Wyo",
    };

    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var t = text.Replace('\u00A0', ' ').Replace("\u200B", "", StringComparison.Ordinal);
        t = Placeholder().Replace(t, " ");
        t = Spaces().Replace(t, " ").Trim();
        return t;
    }

    /// <summary>
    /// Splits text into sentences at ., ! or ? followed by a space and a capital, digit or quote, skipping abbreviations and
    /// initials; and before a reader's handle ("reader54", "jimbo_77", "marta.k"), so that comments extracted below an
    /// article do not run on from its last sentence. A paragraph (text between blank lines, as extraction writes it) always
    /// ends a sentence: a standfirst, a heading or a cut line with no full stop does not run on into the next paragraph.
    /// </summary>
    public static List<string> SplitSentences(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }
        foreach (var paragraph in ParagraphBreak().Split(text))
        {
            SplitParagraph(Normalise(paragraph), result);
        }
        return result;
    }

    private static void SplitParagraph(string t, List<string> result)
    {
        var start = 0;
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (c is '。' or '！' or '？')
            {
                // Chinese and Japanese end a sentence with a full-width mark and no space after it.
                var close = i + 1;
                while (close < t.Length && t[close] is '」' or '』' or '”' or '’' or '）' or ')')
                {
                    close++;
                }
                if (close < t.Length)
                {
                    result.Add(t[start..close].Trim());
                    start = close;
                    i = close - 1;
                }
                continue;
            }
            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }
            var end = i + 1;
            while (end < t.Length && (t[end] is '"' or '\'' or '”' or '’' or ')' or '.' or '!' or '?'))
            {
                end++;
            }
            if (end >= t.Length)
            {
                break;
            }
            if (t[end] != ' ')
            {
                continue;
            }
            var next = end + 1;
            while (next < t.Length && t[next] is '"' or '\'' or '“' or '‘' or '(' or '[')
            {
                next++;
            }
            if (next >= t.Length || !(char.IsUpper(t[next]) || char.IsDigit(t[next]) || IsHandle(t, next)))
            {
                continue;
            }
            if (c == '.' && IsAbbreviation(t, i))
            {
                continue;
            }
            result.Add(t[start..end].Trim());
            start = end + 1;
            i = end;
        }
        if (start < t.Length)
        {
            var last = t[start..].Trim();
            if (last.Length > 0)
            {
                result.Add(last);
            }
        }
    }

    /// <summary>True when a lowercase word that reads as a user name starts at <paramref name="at"/>: letters with digits, an underscore or an inner dot.</summary>
    private static bool IsHandle(string t, int at)
    {
        if (!char.IsLower(t[at]))
        {
            return false;
        }
        var end = at;
        while (end < t.Length && (char.IsLetterOrDigit(t[end]) || t[end] is '_' or '.'))
        {
            end++;
        }
        var word = t[at..end].TrimEnd('.');
        return word.Length is >= 3 and <= 30 && (word.Any(char.IsDigit) || word.Contains('_', StringComparison.Ordinal) || word.Contains('.', StringComparison.Ordinal));
    }

    private static bool IsAbbreviation(string t, int dot)
    {
        var s = dot - 1;
        while (s >= 0 && (char.IsLetter(t[s]) || t[s] == '.'))
        {
            s--;
        }
        var word = t[(s + 1)..dot];
        if (word.Length == 0)
        {
            return false;
        }
        // A single capital is an initial ("John F. Kerry").
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true;
        }
        // Dotted initials ("H.R. 1280", "W.Va.", "George H.W. Bush") never end a sentence, as the page's cards read them.
        if (DottedInitials().IsMatch(word))
        {
            return true;
        }
        return Abbreviations.Contains(word) || StateAbbreviations.Contains(word);
    }

    /// <summary>The sentence without dateline, byline or boilerplate, or null when nothing of news is left.</summary>
    public static string? CleanSentence(string sentence)
    {
        var s = Normalise(sentence);
        for (var round = 0; round < 3; round++)
        {
            var before = s;
            s = Dateline().Replace(s, "", 1);
            s = WireTag().Replace(s, "", 1);
            s = LeadLabel().Replace(s, "", 1);
            s = s.TrimStart(' ', '-', '—', '–', ':', '|', '•');
            if (s == before)
            {
                break;
            }
        }
        s = TrailingCredit().Replace(s, "");
        // A caption or a link's text run into the sentence repeats its name: "President Donald Trump President Donald
        // Trump will announce …".
        s = Stutter().Replace(s, "${name}");
        s = s.Trim();
        if (s.Length == 0 || IsBoilerplate(s))
        {
            return null;
        }
        // The rest of a sentence split at a full stop that did not end it ("H.R. | 1280, passed 220-212"): a sentence does
        // not open on a bare number and a comma.
        if (NumberFragment().IsMatch(s))
        {
            return null;
        }
        if (CountWords(s) < 5)
        {
            return null;
        }
        // A fragment left by a bad split, a caption or a question is no sentence for a summary. Scripts without
        // capitals (Arabic, Chinese, Japanese, Hebrew…) start a sentence with any letter.
        if (!(char.IsUpper(s[0]) || IsUncased(s[0]) || char.IsDigit(s[0]) || s[0] is '"' or '“' or '‘' or '\'' or '「' or '『'))
        {
            return null;
        }
        if (s.EndsWith('?') || s.EndsWith('？') || s.EndsWith("?\"", StringComparison.Ordinal) || s.EndsWith("?”", StringComparison.Ordinal))
        {
            return null;
        }
        // A sentence cut short ("… said in a..." from a feed's truncated description) or one that only leads in to a
        // list or a quote ("Following is a guide to the cases:") says nothing whole.
        if (s.EndsWith('…') || s.EndsWith("...", StringComparison.Ordinal) || s.EndsWith(':'))
        {
            return null;
        }
        // A doubled full stop ("… on Wednesday..") is one.
        if (s.EndsWith("..", StringComparison.Ordinal))
        {
            s = s[..^1];
        }
        // A piece of a longer quotation, split from the rest at one of its full stops, opens a quotation it never closes
        // or closes one it never opened ("… adding, “This is what they do."): it does not read on its own.
        if (!QuotesPair(s))
        {
            return null;
        }
        // A line that stops inside a parenthesis ("led by lead manager Jamie B. Raskin (D-Md.") or on a title that always
        // comes before a name ("… plans to nominate Rep.") was cut there, however it is punctuated.
        if (OpensUnclosedParenthesis(s) || EndsOnTitle(s))
        {
            return null;
        }
        var ended = s[^1] is '.' or '!' or '"' or '”' or '’' or '\'' or ')' or '。' or '！' or '」' or '』' or '）';
        // A sentence cut off mid-clause (a feed that cuts its description at a length, with or without a full stop after
        // it) ends on a word no sentence ends on: "… laid out in Roe v. Wade and", "… to build a.".
        if (IsCutOff(s, ended))
        {
            return null;
        }
        if (!ended)
        {
            s += IsWide(s[^1]) ? "。" : ".";
        }
        return s;
    }

    /// <summary>
    /// The opening <paramref name="words"/> words of <paramref name="text"/> (as <see cref="CountWords"/> counts them,
    /// so Chinese or Japanese text is cut inside its run of characters), trailing punctuation off; the whole text when
    /// it is no longer. <c>Cut</c> says whether anything was left out.
    /// </summary>
    public static (string Text, bool Cut) Opening(string text, int words)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (CountWords(text) <= words)
        {
            return (text, false);
        }
        var count = 0.0;
        var i = 0;
        while (i < text.Length && count < words)
        {
            if (text[i] == ' ')
            {
                i++;
            }
            else if (IsWide(text[i]))
            {
                count += char.IsLetterOrDigit(text[i]) ? 0.5 : 0;
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] != ' ' && !IsWide(text[i]))
                {
                    i++;
                }
                count += HasLetterOrDigit(text.AsSpan(start, i - start)) ? 1 : 0;
            }
        }
        return (text[..i].TrimEnd(',', ';', ':', '-', '–', '—', ' ', '、', '，'), i < text.Length);
    }

    private static bool HasLetterOrDigit(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A letter of a script without capitals (Arabic, Hebrew, Chinese, Japanese kana, Thai…).</summary>
    private static bool IsUncased(char c) => char.IsLetter(c) && !char.IsUpper(c) && !char.IsLower(c);

    /// <summary>A Chinese or Japanese character (Han, kana, full-width forms): written without spaces between words.</summary>
    internal static bool IsWide(char c) => c is (>= '\u3000' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
        or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF');

    // Words a sentence never ends on: articles, coordinating conjunctions, "than" and determiners that need a noun.
    private static readonly HashSet<string> NeverLast = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "nor", "than", "its", "their", "our", "your", "my", "whose",
    };

    // Further words that end a line only when it was cut: prepositions that need an object (not the particles of
    // "weighed in", "gave up"), relative words and auxiliaries. A sentence with its full stop may end on these
    // ("what it stands for.", "sort of."), so they count only when the line has no end mark.
    private static readonly HashSet<string> LastOnlyWhenCut = new(StringComparer.Ordinal)
    {
        "of", "to", "for", "with", "from", "by", "at", "into", "onto", "about", "against", "between", "toward", "towards", "via",
        "amid", "among", "during", "including", "per", "as", "that", "which", "who", "whom", "whether", "if", "because", "while",
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "should", "must",
    };

    // Titles and ranks that stand before a name and so never end a sentence ("Sen.", "Gov.", "Lt."). Abbreviations that
    // may end one ("Inc.", "Jr.", "St.", "U.S.") are not among them.
    private static readonly HashSet<string> TitlesBeforeNames = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gov", "Sen", "Sens", "Rep", "Reps", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm",
        "Cmdr", "Supt", "Rev", "Hon", "Amb", "Atty", "Insp", "Det", "Brig", "Cpl", "Pvt", "Msgr", "Fr", "Pres",
    };

    /// <summary>True when the sentence ends on a title that stands before a name ("… nominate Rep.", "… joins Sens.").</summary>
    private static bool EndsOnTitle(string s)
    {
        if (!s.EndsWith('.'))
        {
            return false;
        }
        var body = s[..^1];
        var start = body.LastIndexOf(' ') + 1;
        return TitlesBeforeNames.Contains(body[start..].TrimStart('(', '"', '“'));
    }

    /// <summary>True when a parenthesis opened in the sentence is never closed.</summary>
    private static bool OpensUnclosedParenthesis(string s)
    {
        var depth = 0;
        foreach (var c in s)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
        }
        return depth > 0;
    }

    /// <summary>True when the sentence ends on a word it cannot end on: it was cut short.</summary>
    private static bool IsCutOff(string s, bool ended)
    {
        var body = s.TrimEnd('.', '!', '"', '”', '’', '\'', ')', ' ');
        var start = body.LastIndexOf(' ') + 1;
        var last = body[start..].TrimStart('"', '“', '‘', '\'', '(');
        // A capital is a name or a letter ("Plan A.", "Theresa May."), not a cut-off word.
        if (last.Length == 0 || !last.All(char.IsLower))
        {
            return false;
        }
        return NeverLast.Contains(last) || (!ended && LastOnlyWhenCut.Contains(last));
    }

    /// <summary>
    /// Whether the sentence's double quotation marks pair up: as many “ as ”, and an even number of straight ".
    /// Single marks are left alone, since ’ and ' are apostrophes too.
    /// </summary>
    public static bool QuotesPair(string s)
    {
        int open = 0, close = 0, straight = 0;
        foreach (var c in s)
        {
            switch (c)
            {
                case '“':
                    open++;
                    break;
                case '”':
                    close++;
                    break;
                case '"':
                    straight++;
                    break;
            }
        }
        return open == close && straight % 2 == 0;
    }

    /// <summary>
    /// True when the sentence opens with a word that points back to what its article said before it: a connective ("But",
    /// "However,", "Meanwhile,", "Also"), a pronoun standing for someone named earlier ("He", "She", "They", "It", "His",
    /// "Their"), a time told from an earlier moment ("A few hours later", "The next day", "Since then"), a step in a
    /// list ("Second,", "Finally,") or a pointer to what was just said ("This means", "That decision", "Such moves"; not
    /// "This week"). Such a sentence may follow another in a summary, but cannot open one.
    /// </summary>
    public static bool LeansOnContext(string sentence) =>
        LeaningOpener().IsMatch(sentence) || LeaningTime().IsMatch(sentence) || LeaningPointer().IsMatch(sentence);

    /// <summary>
    /// True when the sentence opens with a connective or a pronoun that stands for what the sentence before it said
    /// ("But", "However,", "He", "Their"): it is about what that sentence was about, and is judged with it
    /// (<see cref="EventAnchor"/>). A time or a pointer ("Hours later", "This is") leans on its context too
    /// (<see cref="LeansOnContext"/>), but says too little of what it is about to borrow the sentence before's standing.
    /// </summary>
    public static bool ContinuesSentenceBefore(string sentence) => LeaningOpener().IsMatch(sentence);

    /// <summary>
    /// True when the sentence opens with a quotation of someone's words: an opening quotation mark whose closing mark
    /// follows the quotation's own punctuation ("“We will not back down,” she said.", "\"It is over.\" the mayor
    /// wrote"). Quotation marks around a name or a term ("“Squad” member Ilhan Omar said …") are no quotation.
    /// </summary>
    public static bool OpensOnQuotation(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return OpeningQuotation().IsMatch(sentence);
    }

    /// <summary>
    /// True when the sentence speaks in the first person outside its quotations: "I signed a contract", "my family",
    /// "we think", "our home", "as we reflect". A quotation is its speaker's ("“We will not back down,” she said"), and
    /// a roman one after a name or a noun ("World War I", "King Charles I") is no pronoun. A summary tells the news in
    /// no one's voice, so such a sentence (a column's, a diary's) is left out when the story has others.
    /// </summary>
    public static bool SpeaksInFirstPerson(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var bare = Quotation().Replace(sentence, " ");
        foreach (Match m in FirstPersonWord().Matches(bare))
        {
            var word = m.Groups["w"].Value;
            if (word == "I" || word.StartsWith("I'", StringComparison.Ordinal) || word.StartsWith("I’", StringComparison.Ordinal))
            {
                // "I" as a roman numeral follows a capitalised word that is not the sentence's first.
                var before = bare[..m.Groups["w"].Index].TrimEnd();
                var start = before.LastIndexOf(' ') + 1;
                var previous = before[start..];
                if (word == "I" && start > 0 && previous.Length > 0 && char.IsUpper(previous[0]))
                {
                    continue;
                }
            }
            else if (char.IsUpper(word[0]) && bare[..m.Groups["w"].Index].Trim().Length > 0)
            {
                // "My", "We", "Our" count at the start only: inside a sentence they begin a name ("My Fair Lady").
                continue;
            }
            return true;
        }
        return false;
    }

    // A quotation in double marks, curly single marks, or straight single marks that open after a space and close before one.
    [GeneratedRegex(@"“[^”]*”|""[^""]*""|(?<=^|\s)‘[^’]*’(?=$|[\s,.;:!?])|(?<=^|\s)'[^']*'(?=$|[\s,.;:!?])", RegexOptions.CultureInvariant)]
    private static partial Regex Quotation();

    // "I" before a lower-case word or as a contraction, and the other first-person words; capitalised forms are checked by place.
    [GeneratedRegex(@"(?<![\w’'])(?<w>I(?=\s+[a-z])|I['’](?:m|ve|d|ll)\b|my|me|we|we['’](?:re|ve|d|ll)|our|ours|us|My|We|We['’](?:re|ve|d|ll)|Our)(?![\w’'-])", RegexOptions.CultureInvariant)]
    private static partial Regex FirstPersonWord();

    public static bool IsBoilerplate(string s) => Boilerplate().IsMatch(s) || ByLine().IsMatch(s);

    /// <summary>Words as a reader counts them: runs of non-space characters holding a letter or digit, and in Chinese or Japanese text (no spaces) one word for every two characters.</summary>
    public static int CountWords(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        var n = 0;
        foreach (var w in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Chinese and Japanese put no spaces between words, which run about two characters each.
            var wide = w.Count(c => IsWide(c) && char.IsLetterOrDigit(c));
            if (wide > 0)
            {
                n += (wide + 1) / 2 + (w.Any(c => !IsWide(c) && char.IsLetterOrDigit(c)) ? 1 : 0);
            }
            else if (w.Any(char.IsLetterOrDigit))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>
    /// The tokens ROUGE and the fact checks compare: lowercase runs of letters and digits after folding accents (of any
    /// script: Arabic, Cyrillic, Greek words are tokens too), and each Chinese or Japanese character on its own.
    /// </summary>
    public static List<string> Tokens(string? text)
    {
        var list = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return list;
        }
        var folded = Fold(text);
        var sb = new StringBuilder();
        foreach (var ch in folded)
        {
            var c = char.ToLowerInvariant(ch);
            if (IsWide(c) && char.IsLetterOrDigit(c))
            {
                // Chinese and Japanese have no spaces to tell words by: each character is a token.
                if (sb.Length > 0)
                {
                    list.Add(sb.ToString());
                    sb.Clear();
                }
                list.Add(c.ToString());
            }
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9' || (c > '\u007F' && char.IsLetterOrDigit(c)))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0)
            {
                list.Add(sb.ToString());
                sb.Clear();
            }
        }
        if (sb.Length > 0)
        {
            list.Add(sb.ToString());
        }
        return list;
    }

    public static string Fold(string text)
    {
        var d = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var c in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    // "WASHINGTON (AP) —", "LONDON, Nov 5 (Reuters) -", "MINNEAPOLIS—", "NEW YORK, N.Y. --", "(CNN) —"
    [GeneratedRegex(@"^(?:[A-Z][A-Z.'’\-]+(?:[ /][A-Z][A-Z.'’\-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z0-9][A-Za-z0-9.]*){0,3})?\s*(?:\([A-Za-z .&-]{1,40}\))?\s*(?:—|–|--|-|:)\s*|\((?:AP|CNN|Reuters|AFP|UPI|dpa|Bloomberg)\)\s*(?:—|–|--|-)?\s*|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?:,\s*[A-Z][a-z.]+(?: [A-Z][a-z.]+){0,2})?\s*\((?:AP|CNN|Reuters|AFP|UPI|dpa|Bloomberg)\)\s*(?:—|–|--|-)\s*)", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();

    [GeneratedRegex(@"^(?:\((?:AP|CNN|Reuters|AFP|UPI|dpa)\)|By [A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3}(?:,? (?:and|&) [A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3})?(?:,? (?:Associated Press|Reuters|AFP|CNN|Bloomberg|The [A-Z]\w+ [A-Z]\w+|[A-Z]{2,}))?\s+(?=[A-Z]))\s*", RegexOptions.CultureInvariant)]
    private static partial Regex WireTag();

    // The labels of a news page ("VIDEO:", "ANALYSIS —") and the headings of a briefing's paragraphs ("Why it matters:",
    // "The big picture:", "By the numbers:"), after which the sentence stands on its own.
    [GeneratedRegex(@"^(?:(?:VIDEO|WATCH|PHOTOS?|BREAKING(?: NEWS)?|UPDATE[D]?|EXCLUSIVE|LIVE|ANALYSIS|OPINION|EDITOR'S NOTE|FILE)\s*[:—–-]\s*|(?:Why it matters|The big picture|Driving the news|Between the lines|(?:The )?bottom line|By the numbers|The numbers|The details|Details|State of play|The state of play|The latest|Catch up quick|Zoom in|Zoom out|Be smart|Of note|Context|Background|The backstory|What happened|What's next|What’s next|What to watch|Where it stands|What they're saying|What they’re saying|Reality check|The intrigue|Key quote|Go deeper)\s*:\s+(?=[A-Z0-9""“]))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LeadLabel();

    // An opening mark, then the quotation up to its own comma, full stop, question or exclamation mark before the closing mark.
    [GeneratedRegex(@"^\s*(?:“[^”]{2,}[,.?!]”|""[^""]{2,}[,.?!]""|‘[^’]{2,}[,.?!]’)", RegexOptions.CultureInvariant)]
    private static partial Regex OpeningQuotation();

    [GeneratedRegex(@"\s*\((?:Reporting|Writing|Additional reporting|Editing) by [^)]*\)\s*$|\s*(?:Read more|Continue reading|Click here)[^.]*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TrailingCredit();

    [GeneratedRegex(@"click here|sign up|subscribe|newsletter|read more|continue reading|all rights reserved|copyright|©|follow us|follow (?:him|her|them) on|cookies?\b|javascript|advertisement|this (?:article|story) (?:was|has been|is) (?:originally|first )?(?:published|updated|produced)|(?:^|\s)(?:getty images|ap photo|reuters/)|download (?:the|our) app|listen to (?:this|the) (?:article|story|podcast)|share this (?:article|story)|terms of (?:use|service)|privacy policy|^\s*(?:image|photo|caption|credit)\s*:|^\s*(?:originally\s+)?(?:updated|published|posted)\s+(?:on|at)?\s*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)|^\s*\(?(?:reporting|editing|writing) by", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Boilerplate();

    // A line that is only a byline: "By Jane Doe and John Roe, Reuters".
    [GeneratedRegex(@"^By\s+[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3})*[.,]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ByLine();

    // An opening connective or pronoun, followed by a space, a comma or an apostrophe ("It’s"); a quotation is the speaker's own context.
    [GeneratedRegex(@"^(?:But|And|Or|Yet|Also|However|Meanwhile|Still|Instead|Thus|Therefore|Moreover|Furthermore|Additionally|Nevertheless|Nonetheless|Likewise|Similarly|Thereafter|Shortly thereafter|He|She|They|It|His|Her|Their|Its|Him|Them)(?=[ ,’'])", RegexOptions.CultureInvariant)]
    private static partial Regex LeaningOpener();

    // A time counted from a moment the article told before ("Later that day", not "Later this year"), or a step in its list.
    [GeneratedRegex(@"^(?:(?:[A-Za-z-]+ ){0,2}(?:seconds|minutes|hours|days|weeks|months|years) (?:later|earlier)\b|(?:Later|Earlier)(?! this\b)(?=[ ,])|(?:Then|Afterward|Afterwards|Subsequently|Since then|After that|Before that|By then|Until then|At the time|In response|In addition|In turn|As a result|Even so|On the other hand|The next day|The following day|The day before|The previous day|The same day|That same day)(?=[ ,])|(?:First|Second|Third|Fourth|Fifth|Finally|Lastly|Separately|Again|Regardless|Accordingly|Otherwise|Besides|Consequently|Hence)(?=,))", RegexOptions.CultureInvariant)]
    private static partial Regex LeaningTime();

    // "This", "That", "These", "Those" or "Such" pointing back, unless they date the sentence ("This week", "That
    // Friday").
    [GeneratedRegex(@"^(?:This|That|These|Those|Such)(?! (?:week|weekend|year|month|morning|afternoon|evening|night|day|days|summer|spring|fall|autumn|winter|season|time|decade|century|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)(?=[ ,’'])", RegexOptions.CultureInvariant)]
    private static partial Regex LeaningPointer();

    [GeneratedRegex(@"\bplaceholder(?=[A-Z])")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // A blank line between paragraphs, as extraction and the feed parser write text.
    [GeneratedRegex(@"\r?\n[ \t\u00A0]*\r?\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedInitials();

    // Two to six capitalised words said twice in a row. A name of one word twice ("Bora Bora", "Walla Walla") stays.
    [GeneratedRegex(@"(?<![\w’'])(?<name>\p{Lu}[\w.’'-]*(?:\s+\p{Lu}[\w.’'-]*){1,5})\s+\k<name>(?![\w’'])", RegexOptions.CultureInvariant)]
    private static partial Regex Stutter();

    [GeneratedRegex(@"^\d+,\s", RegexOptions.CultureInvariant)]
    private static partial Regex NumberFragment();
}
