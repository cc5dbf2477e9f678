using Lingua;

namespace Salient.Extraction;

/// <summary>Tells the language of article text (ISO 639-1), with Lingua; built once and shared, as its models are large.</summary>
internal sealed class LanguageIdentifier
{
    /// <summary>Characters of text given to the detector: a few paragraphs decide the language as well as the whole.</summary>
    internal const int SampleChars = 1200;

    /// <summary>Fewer letters than this are not enough to judge.</summary>
    internal const int MinLetters = 40;

    private static readonly Lazy<LanguageIdentifier> SharedInstance = new(() => new LanguageIdentifier(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly LanguageDetector _detector;

    private LanguageIdentifier()
    {
        // Low accuracy mode reads trigrams only: accurate on paragraphs, and several times faster and smaller.
        _detector = LanguageDetectorBuilder.FromAllLanguages().WithLowAccuracyMode().Build();
    }

    public static LanguageIdentifier Shared => SharedInstance.Value;

    /// <summary>The ISO 639-1 code of the language of <paramref name="text"/>, or null when it cannot be told.</summary>
    public string? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var sample = text.Length > SampleChars ? text[..SampleChars] : text;
        if (sample.Count(char.IsLetter) < MinLetters)
        {
            return null;
        }
        if (PlainlyEnglish(sample))
        {
            return "en";
        }
        var language = _detector.DetectLanguageOf(sample);
        if (language == Language.Unknown)
        {
            return null;
        }
        var code = language.IsoCode6391();
        return code == IsoCode6391.None ? null : code.ToString().ToLowerInvariant();
    }

    /// <summary>Words that are frequent in English prose and rare as words of other languages written in Latin letters.</summary>
    private static readonly HashSet<string> EnglishMarkers = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "that", "with", "said", "his", "from", "has", "have", "this", "were", "which", "would", "their",
        "they", "who", "been", "after", "it", "not", "but", "she", "her", "will", "was", "had", "about", "into", "than", "of",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishMarkerLookup = EnglishMarkers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A text needs at least this many words before the shortcut below may decide it.</summary>
    internal const int EnglishMinWords = 30;

    /// <summary>
    /// The detector's shortcut for the common case: a text written in Latin letters in which the marker words make up at
    /// least one word in twelve and "the" at least one in a hundred (and twice) is English. English prose runs at two to
    /// four times these shares; in other languages the markers appear only in quotations and names (none or one in the
    /// opening 200 words of French, Spanish, Portuguese, German and Czech news pages). Anything else goes to the
    /// detector, which compares the text with every language it knows and costs far more.
    /// </summary>
    internal static bool PlainlyEnglish(ReadOnlySpan<char> text)
    {
        int words = 0, markers = 0, the = 0, letters = 0, latin = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (char.IsLetter(text[i]) || (text[i] == '\'' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                letters++;
                if (char.IsAsciiLetter(text[i]))
                {
                    latin++;
                }
                i++;
            }
            var word = text[start..i];
            words++;
            if (EnglishMarkerLookup.Contains(word))
            {
                markers++;
                if (word.Equals("the", StringComparison.OrdinalIgnoreCase))
                {
                    the++;
                }
            }
        }
        return words >= EnglishMinWords && latin >= 0.95 * letters && markers * 12 >= words && the >= 2 && the * 100 >= words;
    }

    /// <summary>
    /// The page's language: the detected one when the text is long enough to judge, else what the page
    /// declares. Templates often declare a site-wide language whatever the article's; text does not lie.
    /// </summary>
    public string? Choose(string? declared, string text)
    {
        var detected = Detect(text);
        if (detected is null)
        {
            return declared;
        }
        // Norwegian Bokmål and Nynorsk are both "no" to a page; keep the page's code when it is the family.
        if (declared == "no" && detected is "nb" or "nn")
        {
            return declared;
        }
        return detected;
    }
}
