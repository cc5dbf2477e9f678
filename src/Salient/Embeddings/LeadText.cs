using System.Text;
using System.Text.RegularExpressions;
using Salient.Extraction;

namespace Salient.Embeddings;

/// <summary>
/// The lead of an article's text: its first real paragraphs, without the page furniture that a full text carries
/// around them (bylines, time stamps, "Advertisement", share prompts, "Read more:" lines, related-link lists,
/// copyright lines, author bios). The lead says which event an article is about; the rest of a full article is
/// mostly background that other events on the theme share. One rule for what is embedded and for the words
/// grouping compares, so a lead and a full text of the same article are read alike.
/// </summary>
internal static partial class LeadText
{
    /// <summary>
    /// The lead is the first real paragraphs, up to about what the embedding reads anyway (the first ~600 characters):
    /// news is written in short paragraphs, often one sentence each, and the second and third still tell the event.
    /// Dropping the furniture between them is what changes; how much of the article is read does not.
    /// </summary>
    public const int MinChars = 600;

    /// <summary>A line shorter than this many words without a sentence end is a heading, a link or a caption, not a paragraph.</summary>
    private const int ProseWords = 20;

    /// <summary>
    /// The lead of <paramref name="text"/>, at most <paramref name="maxChars"/> characters. A text of one line is its
    /// own lead (cut at the limit), as before; so is a text whose every line looks like furniture, so nothing is lost.
    /// </summary>
    public static string Of(string? text, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(text) || maxChars <= 0)
        {
            return "";
        }
        var trimmed = text.Trim();
        if (trimmed.IndexOf('\n', StringComparison.Ordinal) < 0)
        {
            return Cut(trimmed, maxChars);
        }
        var lead = new StringBuilder();
        // Line by line without splitting the whole text: a full text may be megabytes, the lead is near its start.
        for (var start = 0; start < trimmed.Length;)
        {
            var end = trimmed.IndexOf('\n', start);
            if (end < 0)
            {
                end = trimmed.Length;
            }
            var line = trimmed[start..end].Trim();
            start = end + 1;
            if (line.Length == 0 || IsFurniture(line))
            {
                continue;
            }
            if (lead.Length > 0)
            {
                lead.Append('\n');
            }
            lead.Append(line);
            if (lead.Length >= Math.Min(MinChars, maxChars))
            {
                break;
            }
        }
        return Cut(lead.Length > 0 ? lead.ToString() : trimmed, maxChars);
    }

    /// <summary>Whether a line of a full text is page furniture rather than a paragraph of the article.</summary>
    internal static bool IsFurniture(string line) =>
        ArticleText.IsFurniture(line) || Lists().IsMatch(line) || Byline().IsMatch(line) || Rights().IsMatch(line) || Bio().IsMatch(line) || Contact().IsMatch(line) || !IsProse(line);

    /// <summary>
    /// A sentence ends the line, or it is long enough to be a paragraph whatever its end (a text cut short) and is
    /// not a row of links ("Mayor resigns | Transit strike ends | …").
    /// </summary>
    private static bool IsProse(string line)
    {
        var end = line.TrimEnd(' ', '\u201D', '"', '\u2019', '\'', ')', ']');
        if (end.Length > 0 && end[^1] is '.' or '!' or '?' or ':' or ';' or '\u2026')
        {
            return true;
        }
        var words = 1;
        var separators = 0;
        for (var i = 0; i < line.Length && words < ProseWords; i++)
        {
            var c = line[i];
            if (c is '|' or '\u2022' or '\u00B7' or '\u25AA')
            {
                separators++;
            }
            else if (c == ' ' && i > 0 && line[i - 1] != ' ' && line[i - 1] is not ('|' or '\u2022' or '\u00B7' or '\u25AA'))
            {
                words++;
            }
        }
        return words >= ProseWords && separators < 2;
    }

    private static string Cut(string text, int maxChars) => text.Length <= maxChars ? text : text[..maxChars];

    /// <summary>The head of a list of other stories: "Trending:", "Most read", "Top stories", "You may also like".</summary>
    [GeneratedRegex(@"^\W*(trending(\s+now)?|most\s+(read|popular|viewed|shared|watched)|top\s+stories|latest(\s+(news|stories))?|editor'?s\s+picks|recommended(\s+for\s+you)?|you\s+(may|might)\s+also\s+like|more\s+(from|on|in)\s+[^.!?]{0,60})\b[^.!?]{0,300}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Lists();

    /// <summary>"By Anna Miller", "By Anna Miller | Reuters", "Written by …" without a sentence after it.</summary>
    [GeneratedRegex(@"^(written\s+|reporting\s+|words\s+)?by\s+[^.!?]{2,100}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Byline();

    [GeneratedRegex(@"^(copyright|©|\(c\))\s*(\d{4}|(?-i:\p{Lu}))|all\s+rights\s+reserved|may\s+not\s+be\s+(re)?published,\s+broadcast", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Rights();

    /// <summary>"Anna Miller is a reporter at … covering …": the author's note at the end of an article.</summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L}.'-]*(\s+\p{Lu}[\p{L}.'-]*){1,3}\s+(is|was|has\s+been)\s+(a|an|the)\s+[^.]{0,80}\b(reporter|correspondent|writer|editor|columnist|contributor|journalist|producer|fellow)\b[^\n]{0,200}$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Bio();

    [GeneratedRegex(@"^.{0,60}\b(have\s+a\s+(news\s+)?tip|(email|e-mail|contact|write\s+to)\s+(us|me|the\s+author)|follow\s+(him|her|them|\p{Lu}\w+)\s+on\s+(twitter|x|facebook|instagram))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Contact();
}
