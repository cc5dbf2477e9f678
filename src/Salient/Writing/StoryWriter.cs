namespace Salient.Writing;

/// <summary>
/// Writes a story's title and summary: the extractive writer always, then, when an LLM is configured, an
/// abstractive rewrite whose every checked sentence replaces the extractive text only if it passes the fact check.
/// </summary>
internal sealed class StoryWriter(ExtractiveWriter extractive, LlmWriter? llm = null)
{
    public bool UsesLlm => llm is not null;

    public async Task<WrittenStory> WriteAsync(IReadOnlyList<SourceArticle> articles, CancellationToken ct)
    {
        // Both writers read text: a description or article stored as HTML is made text first.
        articles = SourceArticle.AsPlainText(articles);
        var offline = extractive.Write(articles, ct);
        if (llm is null)
        {
            return offline;
        }
        return await llm.WriteAsync(articles, offline, ct).ConfigureAwait(false);
    }

    public WrittenStory WriteOffline(IReadOnlyList<SourceArticle> articles, CancellationToken ct) => extractive.Write(articles, ct);
}
