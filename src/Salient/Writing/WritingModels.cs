using PlainText = Salient.Text.PlainText;

namespace Salient.Writing;

/// <summary>
/// One article of a story as the writer sees it: what the batch tool reads and what the stage loads.
/// <paramref name="Description"/> is the feed's summary of the item, when the feed gave one.
/// </summary>
internal sealed record SourceArticle(string Title, string? Text, string? Source = null, string? Url = null, DateTimeOffset? Published = null, int? Tier = null,
    string? Description = null)
{
    /// <summary>
    /// The article with markup turned into text: a feed's description (HTML), or an article stored from it when its
    /// page could not be read, reaches the writer as HTML, and a summary or title never carries tags or entities.
    /// Text without markup is returned as it is (the same instance when nothing changes).
    /// </summary>
    public SourceArticle AsPlainText()
    {
        var title = PlainText.HasMarkup(Title) ? PlainText.Clean(Title) : Title;
        var text = PlainText.HasMarkup(Text) ? PlainText.Paragraphs(Text) : Text;
        var description = PlainText.HasMarkup(Description) ? PlainText.Paragraphs(Description) : Description;
        return ReferenceEquals(title, Title) && ReferenceEquals(text, Text) && ReferenceEquals(description, Description)
            ? this
            : this with { Title = title, Text = text, Description = description };
    }

    /// <summary>Each of <paramref name="articles"/> as <see cref="AsPlainText"/> gives it, in the same order.</summary>
    public static IReadOnlyList<SourceArticle> AsPlainText(IReadOnlyList<SourceArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var plain = articles.Select(a => a.AsPlainText()).ToList();
        return plain.Zip(articles).All(p => ReferenceEquals(p.First, p.Second)) ? articles : plain;
    }
}

/// <summary>One sentence of a summary and the index of the article (in the story's list) it came from.</summary>
internal sealed record SummarySentence(string Text, int Article);

/// <summary>
/// A story's title and summary. <see cref="Sources"/> are the indices of the articles the title and summary
/// were drawn from, in ascending order; <see cref="Method"/> says which writer produced them.
/// </summary>
internal sealed record WrittenStory(string Title, int TitleArticle, IReadOnlyList<SummarySentence> Sentences, string Method)
{
    /// <summary>The sentences in order, a space between them except after a Chinese or Japanese sentence, which takes none.</summary>
    public string Summary => Join(Sentences.Select(s => s.Text));

    private static string Join(IEnumerable<string> sentences)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var s in sentences)
        {
            if (sb.Length > 0 && !TextCleaner.IsWide(sb[^1]))
            {
                sb.Append(' ');
            }
            sb.Append(s);
        }
        return sb.ToString();
    }

    /// <summary>Sentences passed over as unrelated to the story (<see cref="Relevance"/>).</summary>
    public int Refused { get; init; }

    public IReadOnlyList<int> Sources => Sentences.Select(s => s.Article).Append(TitleArticle).Where(i => i >= 0).Distinct().Order().ToList();

    public const string Extractive = "extractive";
    public const string Llm = "llm";
}
