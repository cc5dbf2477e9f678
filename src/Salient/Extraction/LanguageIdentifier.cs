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
        var language = _detector.DetectLanguageOf(sample);
        if (language == Language.Unknown)
        {
            return null;
        }
        var code = language.IsoCode6391();
        return code == IsoCode6391.None ? null : code.ToString().ToLowerInvariant();
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
