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
    string Html);
