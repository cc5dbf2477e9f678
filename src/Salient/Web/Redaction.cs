using System.Text.RegularExpressions;

namespace Salient.Web;

/// <summary>
/// What the public site and API may say about a source: its feed address without the credentials some feeds carry
/// (<c>user:pass@</c>, <c>?api_key=…</c>), and a poll error reduced to its kind, since the raw text can tell which
/// addresses and ports of the host answer. The admin shows the full text.
/// </summary>
internal static partial class Redaction
{
    public const string Hidden = "hidden";

    /// <summary>The URL without user information and with the values of secret-looking query parameters hidden; null for null.</summary>
    public static string? Url(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return url;
        }
        var b = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        if (uri.Query.Length > 1)
        {
            b.Query = string.Join('&', uri.Query[1..].Split('&').Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                return eq >= 0 && SecretName().IsMatch(name) ? $"{pair[..eq]}={Hidden}" : pair;
            }));
        }
        return b.Uri.AbsoluteUri;
    }

    /// <summary>A poll error as the public may see it: the HTTP status, "not a feed", or that the feed could not be fetched.</summary>
    public static string? PollError(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return null;
        }
        if (HttpStatus().Match(error) is { Success: true } m)
        {
            return $"HTTP {m.Groups[1].Value}";
        }
        return error.Contains("is not a feed", StringComparison.OrdinalIgnoreCase) ? "not a feed Salient can read" : "the feed could not be fetched";
    }

    [GeneratedRegex(@"(key|token|secret|passw|pwd|auth|sig|session|credential|private)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^HTTP ([1-5][0-9][0-9])\b", RegexOptions.CultureInvariant)]
    private static partial Regex HttpStatus();
}
