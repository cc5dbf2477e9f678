using System.Text.RegularExpressions;

namespace Salient.Writing;

/// <summary>
/// Cleans a headline into a neutral title (no site suffix, label, ALL CAPS, exclamation or emotive adjective)
/// and says what is wrong with it as a title (a question, a teaser, a listicle, an opinion).
/// </summary>
internal static partial class Headlines
{
    // Kept in capitals when a shouted headline is lowered.
    private static readonly HashSet<string> Acronyms = new(StringComparer.Ordinal)
    {
        "US", "USA", "UK", "UN", "EU", "NATO", "NASA", "FBI", "CIA", "NSA", "DOJ", "GOP", "IRS", "ICE", "CDC", "FDA", "WHO", "IMF", "OPEC",
        "COVID", "COVID-19", "AIDS", "HIV", "AI", "CEO", "CFO", "GDP", "NHS", "BBC", "CNN", "NPR", "ABC", "CBS", "NBC", "AP", "AFP", "UAE",
        "DC", "NY", "LA", "NYPD", "LAPD", "SEC", "FTC", "FCC", "EPA", "DHS", "TSA", "FEMA", "NFL", "NBA", "MLB", "NHL", "FIFA", "UEFA", "IOC",
        "ISIS", "IS", "PM", "MP", "MPs", "II", "III", "IV", "BREXIT", "G7", "G20", "LGBT", "LGBTQ", "NAACP", "ACLU", "DNC", "RNC", "SCOTUS",
        "NRA", "CBP", "VA", "DOD", "USPS", "SNAP", "OSHA", "NIH", "WTO", "ECB", "BOJ", "RBI", "PLA", "KGB", "FSB", "MI5", "MI6", "IDF",
    };

    // Words that sell feeling rather than tell news; dropped from titles.
    private static readonly HashSet<string> Emotive = new(StringComparer.OrdinalIgnoreCase)
    {
        "shocking", "stunning", "horrifying", "horrific", "terrifying", "jaw-dropping", "incredible", "unbelievable", "amazing", "astonishing",
        "outrageous", "disgusting", "heartbreaking", "heartwarming", "epic", "insane", "bombshell", "explosive", "chilling", "devastating",
        "brutal", "scathing", "furious", "stunningly", "shockingly", "absolutely", "massive", "huge", "dramatic", "disastrous", "disgraceful",
        "breathtaking", "mind-blowing", "sickening", "appalling", "blistering", "fiery", "whopping",
    };

    // Loaded verbs and their plain equivalents.
    private static readonly Dictionary<string, string> PlainVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["slams"] = "criticizes", ["blasts"] = "criticizes", ["rips"] = "criticizes", ["torches"] = "criticizes", ["skewers"] = "criticizes",
        ["lambasts"] = "criticizes", ["lambastes"] = "criticizes", ["eviscerates"] = "criticizes", ["hammers"] = "criticizes", ["trashes"] = "criticizes",
        ["slammed"] = "criticized", ["blasted"] = "criticized", ["ripped"] = "criticized", ["torched"] = "criticized", ["lambasted"] = "criticized",
        ["destroys"] = "rebuts", ["obliterates"] = "rebuts", ["demolishes"] = "rebuts",
    };

    // A loaded verb is plain in its literal sense: "Airstrike demolishes Gaza building", "Hurricane hammers the coast",
    // "Bezos blasts off to space", "Car slams into crowd". It is rewritten only in its figurative one ("Senator slams
    // plan"); rewriting the literal sense would make the title say what did not happen ("Airstrike rebuts Gaza building").
    // Forces and things such verbs act with or on in their literal sense; a headline naming one keeps its verbs. Words that
    // name speakers as often ("White House", "House Democrats", "the mayor's office", "school board") are not among them.
    private static readonly HashSet<string> Physical = new(StringComparer.OrdinalIgnoreCase)
    {
        "airstrike", "airstrikes", "strik", "strikes", "bomb", "bombs", "bombing", "blast", "explosion", "explosions", "missile", "missiles",
        "rocket", "rockets", "shell", "shells", "shelling", "drone", "drones", "fire", "fires", "wildfire", "wildfires", "blaze", "flames",
        "storm", "storms", "hurricane", "typhoon", "cyclone", "tornado", "tornadoes", "quake", "earthquake", "flood", "floods", "flooding",
        "rain", "rains", "snow", "blizzard", "wind", "winds", "waves", "tsunami", "avalanche", "landslide", "eruption", "volcano",
        "building", "buildings", "tower", "towers", "home", "homes", "bridge", "bridges", "car", "cars", "truck", "vehicle", "vehicles",
        "plant", "factory", "hospital", "church", "mosque", "temple", "village", "villages", "coast", "coastline", "shore", "shoreline",
        "spacecraft", "ship", "plane", "jet", "train",
    };

    // Words after a loaded verb that make it a verb of motion or another sense ("blasts off", "slams into", "rips
    // through", "hammers out a deal", "rips up"): never "criticizes".
    private static readonly HashSet<string> Particles = new(StringComparer.OrdinalIgnoreCase)
    {
        "off", "out", "up", "down", "into", "in", "through", "across", "away", "back", "onto", "apart", "open", "over", "at", "on",
    };

    /// <summary>True when the word after <paramref name="end"/> (where a loaded verb ends) makes the verb a phrasal one.</summary>
    private static bool IsPhrasal(string t, int end)
    {
        var start = end;
        while (start < t.Length && t[start] == ' ')
        {
            start++;
        }
        var stop = start;
        while (stop < t.Length && char.IsLetter(t[stop]))
        {
            stop++;
        }
        return stop > start && Particles.Contains(t[start..stop]);
    }

    private static readonly string[] OutletWords =
    [
        "news", "times", "post", "journal", "herald", "tribune", "guardian", "telegraph", "reuters", "bloomberg", "associated press", "ap",
        "afp", "bbc", "cnn", "npr", "fox", "msnbc", "nbc", "cbs", "abc", "politico", "axios", "the hill", "breitbart", "daily", "magazine",
        "review", "standard", "independent", "express", "mirror", "gazette", "chronicle", "observer", "insider", "wire", "online", "live",
        "updates", "live updates", "opinion", "analysis", "vox", "slate", "salon", "atlantic", "economist", "al jazeera", "dw", "france 24",
        "euronews", "sky", "itv", "channel", "radio", "tv", "network", ".com", ".org", ".co.uk",
    ];

    /// <summary>The headline as a title: suffixes, labels, shouting, exclamation marks and emotive words removed.</summary>
    public static string Clean(string? headline, string? source = null, string? context = null)
    {
        // The replacement character stands for a character the feed or page lost (half an emoji, a broken reference):
        // it says nothing to a reader.
        var t = TextCleaner.Normalise(LostCharacters(headline)?.Replace("\uFFFD", " ", StringComparison.Ordinal));
        if (t.Length == 0)
        {
            return "";
        }
        t = StripSiteSuffix(t, source);
        for (var round = 0; round < 2; round++)
        {
            t = Label().Replace(t, "");
        }
        t = t.Trim();
        t = Unshout(t, context);
        // A short first sentence alone does not show that the headline is in Title Case: the whole headline tells.
        var whole = t;
        t = FirstSentence(t);
        t = SentenceCase(t, context, whole);
        var physical = WordPattern().Matches(t).Any(m => Physical.Contains(m.Value));
        var text = t;
        t = WordPattern().Replace(t, m =>
        {
            var w = m.Value;
            if (PlainVerbs.TryGetValue(w, out var plain))
            {
                return physical || IsPhrasal(text, m.Index + m.Length) ? w : plain;
            }
            return Emotive.Contains(w) ? "" : w;
        });
        t = t.Replace("!", "", StringComparison.Ordinal);
        t = Spaces().Replace(t, " ").Trim();
        t = t.TrimEnd('.', ',', ';', ':', ' ', '-', '—', '–');
        t = t.Replace(" ,", ",", StringComparison.Ordinal);
        if (t.Length > 0 && char.IsLower(t[0]))
        {
            t = char.ToUpperInvariant(t[0]) + t[1..];
        }
        return t;
    }

    /// <summary>Drops " | Reuters", " - BBC News", " — The New York Times" and the like from the end (or start) of a headline.</summary>
    public static string StripSiteSuffix(string t, string? source)
    {
        for (var round = 0; round < 2; round++)
        {
            var m = Separator().Matches(t);
            if (m.Count == 0)
            {
                break;
            }
            var last = m[^1];
            var tail = t[(last.Index + last.Length)..].Trim();
            var head = t[..last.Index].Trim();
            if (head.Length > 0 && LooksLikeOutlet(tail, source, last.Value.Trim() == "|"))
            {
                t = head;
                continue;
            }
            var first = m[0];
            var lead = t[..first.Index].Trim();
            var rest = t[(first.Index + first.Length)..].Trim();
            if (rest.Length > 0 && first.Value.Trim() == "|" && LooksLikeOutlet(lead, source, true))
            {
                t = rest;
                continue;
            }
            break;
        }
        return t;
    }

    private static bool LooksLikeOutlet(string part, string? source, bool pipe)
    {
        if (part.Length == 0)
        {
            return true;
        }
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 6)
        {
            return false;
        }
        var lower = part.ToLowerInvariant();
        if (lower is "live" or "live updates" or "live blog" or "as it happened" or "video" or "photos" or "opinion" or "analysis" or "explainer" or "report")
        {
            return true;
        }
        if (!string.IsNullOrWhiteSpace(source))
        {
            var s = source.Trim().ToLowerInvariant();
            if (lower == s || s.StartsWith(lower, StringComparison.Ordinal) || lower.StartsWith(s, StringComparison.Ordinal)
                || (s.Split(' ')[0].Length > 2 && lower.Contains(s.Split(' ')[0], StringComparison.Ordinal)))
            {
                return true;
            }
        }
        if (pipe && words.Length <= 4)
        {
            // After a pipe nearly everything is a site name or a section.
            return true;
        }
        var outletWord = OutletWords.Any(w => Regex.IsMatch(lower, $@"(?:^|\W){Regex.Escape(w)}(?:$|\W)", RegexOptions.CultureInvariant));
        var titled = words.All(w => !char.IsLetter(w[0]) || char.IsUpper(w[0]) || w is "of" or "the" or "and" or "on" or "de" or "du");
        return outletWord && titled && words.Length <= 5;
    }

    /// <summary>Lowers a shouted headline (or shouted words in it) and keeps acronyms.</summary>
    public static string Unshout(string t, string? context = null)
    {
        Dictionary<string, string>? casing = null;
        var letters = t.Count(char.IsLetter);
        var upper = t.Count(char.IsUpper);
        var shouted = letters >= 8 && upper > letters * 0.7;
        var words = t.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            var core = w.Trim('"', '\'', '“', '”', '‘', '’', ',', ':', ';', '.', '!', '?', '(', ')');
            var coreLetters = core.Count(char.IsLetter);
            if (coreLetters < 2 || core.Any(char.IsLower))
            {
                continue;
            }
            var bare = core.EndsWith("'S", StringComparison.Ordinal) || core.EndsWith("’S", StringComparison.Ordinal) ? core[..^2] : core;
            if (Acronyms.Contains(bare) || Acronyms.Contains(core))
            {
                continue;
            }
            // In a mixed-case headline, short all-capital words are acronyms (EU, GOP); long ones are shouting.
            if (!shouted && coreLetters <= 4)
            {
                continue;
            }
            var lowered = w.ToLowerInvariant();
            casing ??= CasingFrom(context);
            if (casing.TryGetValue(core.ToLowerInvariant(), out var known))
            {
                // The article's own text spells the word as a name or an acronym.
                words[i] = w.Replace(core, known, StringComparison.Ordinal);
                continue;
            }
            // A month or a weekday keeps its capital; "May" and "March" only where the words around them date something
            // ("SINCE MAY", "MAY 5", "IN MARCH 2020"), as they are a verb elsewhere ("PRICES MAY FALL", "THOUSANDS MARCH").
            var name = core.ToLowerInvariant();
            if (Months.Contains(name) && (name is not ("may" or "march") || Dates(words, i)))
            {
                words[i] = w.Replace(core, Capitalise(name), StringComparison.Ordinal);
                continue;
            }
            words[i] = i == 0 ? Capitalise(lowered) : lowered;
        }
        var result = string.Join(' ', words);
        return result.Length > 0 ? char.ToUpperInvariant(result[0]) + result[1..] : result;
    }

    // Short words a Title Case headline capitalises ("Dies At 68", "Plan To Cut"): lowered whatever the text says.
    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "into", "onto", "over",
        "after", "before", "about", "against", "amid", "up", "out", "off", "is", "are", "was", "were", "be", "been", "has", "have", "had",
        "it", "its", "he", "his", "she", "her", "they", "their", "them", "we", "us", "you", "this", "that", "these", "those", "than", "not", "will", "can", "could", "would", "should", "may",
    };

    /// <summary>
    /// A Title Case headline ("Judge Strikes Down CDC’s National Moratorium on Evictions") in sentence case, as the other
    /// titles of the site are written ("Judge strikes down CDC’s national moratorium on evictions"): a capitalised word
    /// after the first is lowered when the article's own text writes it in lower case more often than it capitalises it
    /// where no sentence starts (a name keeps its capital); acronyms and words with inner capitals stay; a headline with a word the
    /// text never uses stays as it is. Without the article's text, or in a headline not in Title Case, nothing changes.
    /// </summary>
    public static string SentenceCase(string t, string? context) => SentenceCase(t, context, t);

    /// <summary>As <see cref="SentenceCase(string, string?)"/>, with Title Case told by <paramref name="headline"/>, the whole headline <paramref name="t"/> was cut from.</summary>
    private static string SentenceCase(string t, string? context, string headline)
    {
        if (string.IsNullOrWhiteSpace(context) || !Stories.StoryText.IsTitleCase(headline))
        {
            return t;
        }
        // A line of the text in Title Case is a headline (the page's own, as some pages' text begins, or a related link's),
        // not prose: its capitals tell nothing of how the words are written.
        if (context.Contains('\n', StringComparison.Ordinal))
        {
            context = string.Join('\n', context.Split('\n').Where(line => !Stories.StoryText.IsTitleCase(line)));
        }
        // How often the text writes each word capitalised where no sentence starts, and in lower case.
        var capitalised = new Dictionary<string, int>(StringComparer.Ordinal);
        var common = new Dictionary<string, int>(StringComparer.Ordinal);
        // Capitalised where it does not end a longer name: "Plan" in "the American Jobs Plan" says nothing of "plan" alone.
        var alone = new Dictionary<string, int>(StringComparer.Ordinal);
        var matches = WordPattern().Matches(context);
        for (var i = 0; i < matches.Count; i++)
        {
            var word = matches[i].Value;
            if (char.IsLower(word[0]))
            {
                // "died" is "di" and "die": the stem of "Dies".
                var stem = Stem(word);
                common[stem] = common.GetValueOrDefault(stem) + 1;
                common[stem + "e"] = common.GetValueOrDefault(stem + "e") + 1;
            }
            else if (i > 0 && !OpensSentence(context, matches[i].Index)
                && !BeforeAName(context, matches, i))
            {
                var stem = Stem(word);
                capitalised[stem] = capitalised.GetValueOrDefault(stem) + 1;
                if (!AfterAName(context, matches, i))
                {
                    alone[stem] = alone.GetValueOrDefault(stem) + 1;
                }
            }
        }
        // All or nothing: a title half lowered ("Scientists Warn CDC testing Data") reads worse than one in Title Case.
        var unknown = false;
        var first = true;
        var titleWords = WordPattern().Matches(t);
        var at = -1;
        var result = WordPattern().Replace(t, m =>
        {
            at++;
            var w = m.Value;
            // The title's first word ("3.2 Million" has none before it) stays; so do acronyms, "McConnell" and the parts
            // of "U.S." or "Trump’s", and a title before a name ("Rep.", "Gov.").
            // The first word after a colon starts the headline's statement, and keeps its capital as the site's other
            // titles do ("Joint Chiefs chair: Report wrong").
            var isFirst = (first && !t.AsSpan(0, m.Index).ContainsAny(Digits)) || LastMarkBefore(t, m.Index) == ':';
            first = false;
            if (isFirst || !char.IsUpper(w[0]) || (w.Skip(1).Any(char.IsUpper) && !IsCapitalisedCompound(w)) || m.Index > 0 && t[m.Index - 1] is '.' or '\'' or '’'
                || m.Index + w.Length < t.Length && t[m.Index + w.Length] == '.')
            {
                return w;
            }
            var lower = w.ToLowerInvariant();
            if (SmallWords.Contains(lower))
            {
                return lower;
            }
            // A name of several words keeps every capital the text gives it beside the same neighbour: "Veterans Day",
            // "Black Lives Matter", though the text writes "day", "black" and "matter" in lower case elsewhere.
            if (InNamedPhrase(t, titleWords, at, context))
            {
                return w;
            }
            var stem = Stem(lower);
            var low = common.GetValueOrDefault(stem);
            if (low > alone.GetValueOrDefault(stem))
            {
                return lower;
            }
            // A compound the text never writes ("Trump-Backed") keeps its capitals without holding the rest back, as a
            // word with an inner capital does.
            if (low == 0 && capitalised.GetValueOrDefault(stem) == 0 && !IsCapitalisedCompound(w))
            {
                unknown = true;
            }
            return w;
        });
        return unknown ? t : result;
    }

    /// <summary>
    /// Whether the title's word at <paramref name="at"/> and a capitalised neighbour other than the title's first word,
    /// next to each other in the title, are written so, capitals and all, in the text.
    /// </summary>
    private static bool InNamedPhrase(string title, MatchCollection words, int at, string context)
    {
        for (var other = at - 1; other <= at + 1; other += 2)
        {
            if (other < 0 || other >= words.Count || !char.IsUpper(words[other].Value[0]))
            {
                continue;
            }
            var (left, right) = other < at ? (words[other], words[at]) : (words[at], words[other]);
            var between = title.AsSpan(left.Index + left.Length, right.Index - left.Index - left.Length);
            var pair = $"{left.Value} {right.Value}";
            // The title's first word is capitalised for its place, not as a name: "Civil Rights Act" in a text that also
            // writes "civil rights" does not make "Civil Rights law" a name; "Supreme Court", never written in lower
            // case, is one.
            if (between is " " && context.Contains(pair, StringComparison.Ordinal)
                && (other > 0 || !context.Contains(pair.ToLowerInvariant(), StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether the capitalised word at <paramref name="i"/> stands before a name, as a title does ("Mayor Keisha Lance
    /// Bottoms", "Gov. Walz"): its capital belongs to the name, not to the word, and tells nothing of the word alone.
    /// </summary>
    private static bool BeforeAName(string context, MatchCollection words, int i)
    {
        if (i + 1 >= words.Count || !char.IsUpper(words[i + 1].Value[0]))
        {
            return false;
        }
        var end = words[i].Index + words[i].Length;
        var between = context.AsSpan(end, words[i + 1].Index - end);
        // "Gov. Walz", but not "… met in Geneva. The talks …": a full stop after a longer word ends a sentence.
        return between is " " || (between is ". " && words[i].Length <= 4);
    }

    /// <summary>Whether the capitalised word at <paramref name="i"/> ends a longer name ("the American Jobs Plan", "Supreme Court").</summary>
    private static bool AfterAName(string context, MatchCollection words, int i)
    {
        if (i == 0 || !char.IsUpper(words[i - 1].Value[0]))
        {
            return false;
        }
        var end = words[i - 1].Index + words[i - 1].Length;
        return context.AsSpan(end, words[i].Index - end) is " " && !OpensSentence(context, words[i - 1].Index);
    }

    /// <summary>Whether a word at <paramref name="index"/> opens a sentence (or a quotation, or what follows a colon), where any word is capitalised.</summary>
    private static bool OpensSentence(string text, int index) => LastMarkBefore(text, index) is '.' or '!' or '?' or '"' or '“' or ':' or '\0';

    /// <summary>A compound of capitalised words ("Fast-Track", "Long-Term"): Title Case, not an inner capital of a name ("McConnell").</summary>
    private static bool IsCapitalisedCompound(string w) =>
        w.Contains('-', StringComparison.Ordinal) && w.Split('-').All(p => p.Length > 0 && char.IsUpper(p[0]) && p.Skip(1).All(char.IsLower));

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>The last character before <paramref name="index"/> that is not a space, or '\0' at the start.</summary>
    private static char LastMarkBefore(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }
        return i >= 0 ? text[i] : '\0';
    }

    // Past forms a report uses for a headline's present ("Strikes Down" / "struck down"), as stems.
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["said"] = "say", ["struck"] = "strik", ["won"] = "win", ["took"] = "tak", ["left"] = "leav", ["got"] = "get", ["saw"] = "se",
        ["found"] = "find", ["made"] = "mak", ["told"] = "tell", ["held"] = "hold", ["met"] = "meet", ["led"] = "lead", ["lost"] = "los",
        ["sent"] = "send", ["spent"] = "spend", ["brought"] = "bring", ["bought"] = "buy", ["fell"] = "fall", ["rose"] = "ris", ["ran"] = "run",
        ["came"] = "com", ["gave"] = "giv", ["began"] = "begin", ["chose"] = "choos", ["fought"] = "fight", ["sought"] = "seek", ["wrote"] = "writ",
        ["spoke"] = "speak", ["quit"] = "quit", ["hit"] = "hit", ["cut"] = "cut", ["set"] = "set", ["shut"] = "shut",
    };

    /// <summary>A word without its plural or tense ending, to tell "Asks" by "asked", "Dies" by "died", "Strikes" by "struck".</summary>
    private static string Stem(string word)
    {
        var w = word.ToLowerInvariant();
        if (Irregular.TryGetValue(w, out var stem))
        {
            return stem;
        }
        foreach (var end in (string[])["ing", "ies", "ied", "ed", "es", "s"])
        {
            if (w.Length > end.Length + 1 && w.EndsWith(end, StringComparison.Ordinal))
            {
                w = end is "ies" or "ied" ? w[..^end.Length] + "i" : w[..^end.Length];
                break;
            }
        }
        return w;
    }

    /// <summary>How the text spells words that are capitalised where no sentence starts (names, acronyms).</summary>
    private static Dictionary<string, string> CasingFrom(string? context)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(context))
        {
            return map;
        }
        var matches = WordPattern().Matches(context);
        for (var i = 1; i < matches.Count; i++)
        {
            var w = matches[i].Value;
            if (!char.IsUpper(w[0]) || w.All(char.IsUpper) && w.Length > 5)
            {
                continue;
            }
            var before = context[..matches[i].Index].TrimEnd();
            if (before.Length == 0 || before[^1] is '.' or '!' or '?' or '"' or '“' or ':')
            {
                continue;
            }
            map.TryAdd(w.ToLowerInvariant(), w);
        }
        return map;
    }

    /// <summary>Months and weekdays, written out, as a shouted headline writes them.</summary>
    private static readonly HashSet<string> Months = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    };

    /// <summary>Words before a month that date something ("since May", "in early March").</summary>
    private static readonly HashSet<string> BeforeADate = new(StringComparer.Ordinal)
    {
        "in", "since", "until", "till", "by", "from", "through", "during", "before", "after", "of", "early", "late", "mid", "last", "next",
        "each", "every", "on",
    };

    /// <summary>Whether the word at <paramref name="i"/> names a month by its neighbours: a day or a year after it, or a word that dates before it.</summary>
    private static bool Dates(string[] words, int i)
    {
        static string Core(string w) => w.Trim('"', '\'', '“', '”', '‘', '’', ',', ':', ';', '.', '!', '?', '(', ')').ToLowerInvariant();
        // A day ("5", "3rd") or a year ("2020") right after it, in the same clause.
        if (i + 1 < words.Length && !words[i].EndsWith(',') && !words[i].EndsWith('.')
            && Core(words[i + 1]).TrimEnd('s', 't', 'h', 'n', 'd', 'r') is { Length: >= 1 and <= 4 } number && number.All(char.IsDigit))
        {
            return true;
        }
        return i > 0 && BeforeADate.Contains(Core(words[i - 1])) && !words[i - 1].EndsWith(',');
    }

    private static string Capitalise(string w)
    {
        for (var i = 0; i < w.Length; i++)
        {
            if (char.IsLetter(w[i]))
            {
                return w[..i] + char.ToUpperInvariant(w[i]) + w[(i + 1)..];
            }
        }
        return w;
    }

    /// <summary>
    /// How unfit the raw headline is as a neutral title: 0 is fine; each flaw adds to it. <paramref name="opinionPiece"/>:
    /// the headline is an opinion piece's, by its link, its text or its label (<see cref="Stories.ArticleKinds"/>), and
    /// argues rather than tells, as a headline labelled "Opinion:" does.
    /// </summary>
    public static double Flaws(string raw, bool opinionPiece = false)
    {
        var t = TextCleaner.Normalise(LostCharacters(raw));
        double flaws = 0;
        if (t.Contains('?', StringComparison.Ordinal))
        {
            flaws += 1.0;
        }
        if (Teaser().IsMatch(t))
        {
            flaws += 1.0;
        }
        if (Listicle().IsMatch(t))
        {
            flaws += 1.0;
        }
        if (opinionPiece || OpinionLabel().IsMatch(t) || FirstPerson().IsMatch(t))
        {
            flaws += 0.6;
        }
        if (t.Contains('!', StringComparison.Ordinal))
        {
            flaws += 0.3;
        }
        if (t.Contains('\uFFFD', StringComparison.Ordinal))
        {
            // A character lost on the way: another outlet's headline reads whole.
            flaws += 1.0;
        }
        var letters = t.Count(char.IsLetter);
        if (letters >= 8 && t.Count(char.IsUpper) > letters * 0.7)
        {
            flaws += 0.3;
        }
        if (WordPattern().Matches(t).Any(m => Emotive.Contains(m.Value)))
        {
            flaws += 0.2;
        }
        var words = TextCleaner.CountWords(Clean(t));
        if (words < 4)
        {
            flaws += 0.6;
        }
        else if (words > 22)
        {
            flaws += 0.4;
        }
        // A headline that is mostly a quotation is an attribution puzzle, not a statement of what happened.
        var quoted = QuotedSpan().Matches(t).Sum(m => m.Length);
        if (quoted > t.Length * 0.5)
        {
            flaws += 0.4;
        }
        return flaws;
    }

    /// <summary>
    /// A headline that asks, as a title when nothing better names the story: the statements before its questions
    /// ("Coronavirus cases are rising. Will deaths follow?" → "Coronavirus cases are rising"), or, when it is only a
    /// question, the question with its mark ("Will deaths follow?"): a question stripped of its mark reads as a broken
    /// statement.
    /// </summary>
    public static string Unasked(string headline)
    {
        var t = headline.Trim();
        var question = t.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return t;
        }
        // The last sentence end before the first question: a full stop or an exclamation mark and a space, not the
        // point of an abbreviation or an initial ("U.S.", "Jan.", "J.").
        for (var i = question - 1; i > 0; i--)
        {
            if (t[i] is not ('.' or '!') || !char.IsWhiteSpace(t[i + 1]))
            {
                continue;
            }
            var word = t[..i].Split(' ')[^1];
            if (t[i] == '.' && (word.Length <= 1 || word.Contains('.', StringComparison.Ordinal) || word.Length <= 4 && char.IsUpper(word[0])))
            {
                continue;
            }
            var statement = t[..i].Trim();
            return statement.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 ? statement : t;
        }
        return t;
    }

    /// <summary>
    /// A headline of two sentences as a title of one: the first, when it says something whole (four words or more) and a
    /// second follows ("Derek Chauvin will likely appeal his verdict. But the odds aren't good" → "Derek Chauvin will
    /// likely appeal his verdict"). The point of an abbreviation or an initial ("U.S.", "Sgt.", "J.") ends nothing.
    /// </summary>
    public static string FirstSentence(string headline)
    {
        var t = headline.Trim();
        for (var i = 1; i < t.Length - 2; i++)
        {
            if (t[i] is not ('.' or '!') || t[i + 1] != ' ')
            {
                continue;
            }
            var next = i + 2;
            while (next < t.Length && t[next] is '"' or '\'' or '“' or '‘')
            {
                next++;
            }
            if (next >= t.Length || !char.IsUpper(t[next]))
            {
                continue;
            }
            var word = t[..i].Split(' ')[^1].TrimStart('"', '\'', '“', '‘', '(');
            if (t[i] == '.' && (word.Length <= 1 || word.Contains('.', StringComparison.Ordinal) || word.Length <= 4 && char.IsUpper(word[0])))
            {
                continue;
            }
            var first = t[..i].Trim();
            var rest = t[(i + 1)..].Trim();
            return first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4 && rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2 ? first : t;
        }
        return t;
    }

    public static bool IsQuestionOrTeaser(string raw) => raw.Contains('?', StringComparison.Ordinal) || Teaser().IsMatch(raw) || Listicle().IsMatch(raw);

    [GeneratedRegex(@"\s+(?:\||-|–|—|::?|·|•)\s+")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(?:BREAKING(?: NEWS)?|JUST IN|WATCH(?: LIVE)?|VIDEO|PHOTOS?|EXCLUSIVE|UPDATE[D]?|LIVE(?: UPDATES| VIDEO| BLOG)?|REALITY CHECK|IN PICTURES|FIRST ON [A-Z]+|OPINION|ANALYSIS|EDITORIAL|COMMENTARY|REVEALED|REPORT|FACT CHECK|EXPLAINER|PODCAST|LISTEN)\s*[:|—–-]\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"you won'?t believe|you need to know|here'?s (?:why|what|how|the)|this is (?:why|what|how)|what (?:we|you) know|what to know|things to know|will (?:shock|surprise|amaze) you|find out|the reason why|what happened next|is this the|you should|can'?t stop|went viral|the internet is|^(?:why|how|what|when|who|where) (?!(?:is|are|was|were|did|do|does|will|would|could|should|can)\b)|\bexplained\b|\bquiz\b|\bhere are\b|\bthe truth about\b|\bsecret\b|\bmust[- ]see\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Teaser();

    [GeneratedRegex(@"^\s*(?:the\s+)?\d{1,2}\s+(?:\w+\s+)?(?:things|ways|reasons|takeaways|facts|signs|tips|questions|lessons|moments|photos|pictures|charts|numbers|key|best|worst|biggest|most|times|people|stories|mistakes|myths)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Listicle();

    [GeneratedRegex(@"^(?:opinion|op-ed|editorial|commentary|analysis|column|letters?)\b|\b(?:opinion|op-ed)\s*[:|]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpinionLabel();

    [GeneratedRegex(@"(?:^|\s)(?:I|I'm|I’m|I've|I’ve|My|We|We're|We’re|Our|Us)\s", RegexOptions.CultureInvariant)]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"[""“][^""”]{3,}[""”]|[‘'][^’']{3,}[’']")]
    private static partial Regex QuotedSpan();

    [GeneratedRegex(@"[\p{L}][\p{L}\-]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>
    /// The headline with each character reference to no character ("&amp;#xD800;": half of a UTF-16 pair, zero, past
    /// U+10FFFF), which a feed reader keeps as text, made the replacement character: a character lost on the way.
    /// </summary>
    private static string? LostCharacters(string? headline) =>
        headline is null || !headline.Contains("&#", StringComparison.Ordinal) ? headline : CharacterReference().Replace(headline, m =>
        {
            var hex = m.Groups["hex"].Success;
            var digits = hex ? m.Groups["hex"].Value : m.Groups["dec"].Value;
            var valid = digits.Length <= 8 && int.TryParse(digits, hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var code) && code is > 0 and <= 0x10FFFF && code is not (>= 0xD800 and <= 0xDFFF);
            return valid ? m.Value : "\uFFFD";
        });

    [GeneratedRegex(@"&#(?:[xX](?<hex>[0-9a-fA-F]+)|(?<dec>[0-9]+));?", RegexOptions.CultureInvariant)]
    private static partial Regex CharacterReference();
}
