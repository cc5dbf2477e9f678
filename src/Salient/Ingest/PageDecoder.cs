using System.Text;
using System.Text.RegularExpressions;

namespace Salient.Ingest;

/// <summary>
/// Turns the bytes of an HTML or XML document (an OPML file) into text the way browsers do, in order: a byte-order mark, the HTTP charset,
/// a &lt;meta charset&gt; near the top, then UTF-8 if the bytes are valid UTF-8, else windows-1252
/// (which is also what latin-1 and ascii labels mean on the web).
/// </summary>
internal static partial class PageDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static PageDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static string Decode(byte[] body, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(body, 3, body.Length - 3);
        }
        if (body.Length >= 2 && body[0] == 0xFF && body[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(body, 2, body.Length - 2);
        }
        if (body.Length >= 2 && body[0] == 0xFE && body[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(body, 2, body.Length - 2);
        }
        var declared = FromLabel(CharsetOf(contentType)) ?? FromLabel(MetaCharset(body));
        if (declared is not null && declared.CodePage != Encoding.UTF8.CodePage)
        {
            return declared.GetString(body);
        }
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            // Declared UTF-8 (or nothing) but not valid UTF-8: the common mislabelled case is windows-1252.
            return Encoding.GetEncoding(1252).GetString(body);
        }
    }

    /// <summary>The encoding a charset label names, with the web's aliases; null for an unknown label.</summary>
    public static Encoding? FromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }
        var l = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (l is "iso-8859-1" or "iso8859-1" or "latin1" or "latin-1" or "l1" or "ascii" or "us-ascii" or "cp1252" or "windows-1252" or "x-cp1252")
        {
            return Encoding.GetEncoding(1252);
        }
        if (l is "utf8" or "unicode-1-1-utf-8")
        {
            return Encoding.UTF8;
        }
        try
        {
            return Encoding.GetEncoding(l);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }
        var m = CharsetParam().Match(contentType);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static string? MetaCharset(byte[] body)
    {
        var head = Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 4096));
        var m = MetaCharsetTag().Match(head);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?([\w.:-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetParam();

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*([\w.:-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharsetTag();
}
