using System.Globalization;
using System.Text;

namespace Salient.Dedup;

/// <summary>
/// Reduces an article URL to the one form every copy of it shares, so that one page is stored once however a
/// feed links to it: scheme and host in lower case, default ports and fragments dropped, tracking parameters
/// (utm_*, fbclid, gclid, ...) removed, the remaining query kept in its order, percent-escapes normalised.
/// </summary>
internal static class UrlCanonicalizer
{
    /// <summary>Query parameters that only say where a click came from; exact names, compared case-insensitively.</summary>
    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
        "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
        "vero_id", "vero_conv", "rb_clickid", "s_cid", "cmpid", "ocid", "ito", "spm", "smid", "sr_share",
        "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4", "wt.mc_id", "wt_mc_id",
        "ref_src", "ref_url", "xtor", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee",
        "cmp", "__twitter_impression", "guccounter", "guce_referrer", "guce_referrer_sig",
    };

    /// <summary>Name prefixes of tracking parameters.</summary>
    private static readonly string[] TrackingPrefixes = ["utm_", "pk_", "mtm_", "hsa_", "stm_", "__hs", "_branch"];

    /// <summary>The canonical form of <paramref name="url"/>, or null when it is not an absolute http(s) URL.</summary>
    public static string? Canonicalize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }
        return Canonicalize(uri);
    }

    public static string? Canonicalize(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }
        var sb = new StringBuilder(uri.OriginalString.Length);
        sb.Append(uri.Scheme).Append("://");
        // IdnHost gives the ASCII (punycode) form in lower case; a trailing dot names the same host.
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (host.Length == 0)
        {
            return null;
        }
        sb.Append(uri.HostNameType == UriHostNameType.IPv6 && !host.StartsWith('[') ? $"[{host}]" : host);
        if (!uri.IsDefaultPort)
        {
            sb.Append(':').Append(uri.Port.ToString(CultureInfo.InvariantCulture));
        }
        var path = NormaliseEscapes(uri.AbsolutePath);
        sb.Append(path.Length == 0 ? "/" : path);
        var query = uri.Query.Length > 1 ? uri.Query[1..] : string.Empty;
        var kept = new List<string>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            if (IsTracking(name))
            {
                continue;
            }
            kept.Add(NormaliseEscapes(part));
        }
        if (kept.Count > 0)
        {
            sb.Append('?').Append(string.Join('&', kept));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The key one article has under every feed's link to it: the canonical URL without scheme, "www.", port, query
    /// and trailing slash, in lower case; null when the URL is not an absolute http(s) URL.
    /// </summary>
    public static string? ArticleKey(string? url)
    {
        if (Canonicalize(url) is not { } canonical || !Uri.TryCreate(canonical, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        return (host + uri.AbsolutePath.TrimEnd('/')).ToLowerInvariant();
    }

    public static bool IsTracking(string name) =>
        TrackingNames.Contains(name) || TrackingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Upper-cases the hex digits of percent-escapes and decodes escapes of unreserved characters (RFC 3986 §6.2.2).</summary>
    private static string NormaliseEscapes(string s)
    {
        if (!s.Contains('%', StringComparison.Ordinal))
        {
            return s;
        }
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                var c = (char)Convert.ToInt32(s.Substring(i + 1, 2), 16);
                if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append('%').Append(char.ToUpperInvariant(s[i + 1])).Append(char.ToUpperInvariant(s[i + 2]));
                }
                i += 2;
                continue;
            }
            sb.Append(s[i]);
        }
        return sb.ToString();
    }
}
