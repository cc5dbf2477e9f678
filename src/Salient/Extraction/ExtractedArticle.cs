namespace Salient.Extraction;

/// <summary>The readable part of an article page; the contract between extraction and the stages after it.</summary>
/// <param name="Html">Sanitised HTML of the main content.</param>
/// <param name="Text">Plain text of the main content, paragraphs separated by blank lines.</param>
/// <param name="Language">ISO 639-1 code, when detected.</param>
internal sealed record ExtractedArticle(
    string? Title,
    string? Byline,
    DateTimeOffset? Published,
    string? SiteName,
    string? Language,
    string? Excerpt,
    string Text,
    string Html)
{
    /// <summary>Fewest words for <see cref="IsSubstantial"/>: below it a text is a teaser, a stub or a paywall notice.</summary>
    public const int DefaultMinWords = 60;

    /// <summary>The page marks its content as not free (schema.org <c>isAccessibleForFree: false</c>) or ends in a subscription prompt.</summary>
    public bool Paywalled { get; init; }

    /// <summary>Words in <see cref="Text"/> (runs of letters and digits).</summary>
    public int WordCount => TextStats.CountWords(Text);

    /// <summary>
    /// Whether the text is likely the article itself rather than a teaser or a paywall notice; when false,
    /// a feed's own content is the better text. See <see cref="IsSubstantialAt"/>.
    /// </summary>
    public bool IsSubstantial => IsSubstantialAt(DefaultMinWords);

    /// <summary>
    /// Whether the text has at least <paramref name="minWords"/> words; a paywalled page must have four
    /// times as many, since what such pages show without a subscription is the opening paragraphs.
    /// </summary>
    public bool IsSubstantialAt(int minWords)
    {
        var words = WordCount;
        return Paywalled ? words >= 4 * minWords : words >= minWords;
    }
}
