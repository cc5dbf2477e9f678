namespace Salient.Extraction;

/// <summary>Extracts the main text of an article page.</summary>
internal sealed class ArticleExtractor
{
    /// <summary>Returns the readable content of <paramref name="html"/>, or null when the page has none.</summary>
    public ExtractedArticle? Extract(string html, Uri url)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(url);
        var reader = new SmartReader.Reader(url.ToString(), html);
        var article = reader.GetArticle();
        if (!article.IsReadable)
        {
            return null;
        }
        return new ExtractedArticle(article.Title, article.Author, article.PublicationDate, article.SiteName, article.Language, article.Excerpt,
            article.TextContent ?? string.Empty, article.Content ?? string.Empty);
    }
}
