using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Salient.Ingest;

/// <summary>Plain text of an HTML fragment (a feed item's content), paragraphs separated by blank lines.</summary>
internal static partial class HtmlText
{
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }
        var s = Invisible().Replace(html, " ");
        s = Breaks().Replace(s, "\n\n");
        s = Tags().Replace(s, " ");
        s = WebUtility.HtmlDecode(s);
        var sb = new StringBuilder(s.Length);
        foreach (var para in s.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var words = string.Join(' ', para.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (words.Length == 0)
            {
                continue;
            }
            if (sb.Length > 0)
            {
                sb.Append("\n\n");
            }
            sb.Append(words);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Breaks();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();
}
