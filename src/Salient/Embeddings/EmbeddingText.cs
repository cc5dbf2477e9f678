namespace Salient.Embeddings;

/// <summary>
/// The text that is embedded for an article or a story: its title and the lead of its text (<see cref="LeadText"/>:
/// the first real paragraphs, page furniture left out; a lead given alone is taken as it is). One rule for the embed
/// stage, the scoring stage, <c>cluster</c>, <c>score</c> and <c>train</c>, so a vector means the same wherever it was made.
/// </summary>
internal static class EmbeddingText
{
    /// <summary>At most this much of the lead follows the title (the embedder truncates further).</summary>
    public const int LeadChars = 1200;

    public static string Of(string? title, string? text)
    {
        var t = (title ?? "").Trim();
        if (string.IsNullOrWhiteSpace(text))
        {
            return t;
        }
        var lead = LeadText.Of(text, LeadChars);
        return t.Length == 0 ? lead : t + ". " + lead;
    }
}
