using System.Text;
using System.Text.RegularExpressions;

namespace Salient.Feeds;

/// <summary>
/// Turns feed bytes into text: byte order mark, then the HTTP charset, then the XML declaration; a document that
/// claims UTF-8 (or claims nothing) but is not valid UTF-8 is read as windows-1252, as are latin-1 and ascii labels.
/// </summary>
internal static partial class FeedEncoding
{
    static FeedEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex(@"charset\s*=\s*[""']?([^""';\s]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetParameter();

    [GeneratedRegex(@"^\s*<\?xml[^>]*?encoding\s*=\s*[""']([^""']+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclarationEncoding();

    public static string Decode(byte[] body, string? contentType, ICollection<string> repairs)
    {
        var span = body.AsSpan();
        if (span.StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
        {
            return DecodeUtf8OrFallback(body, 3, repairs);
        }
        if (span.StartsWith((byte[])[0xFF, 0xFE, 0, 0]))
        {
            return new UTF32Encoding(false, false).GetString(body, 4, body.Length - 4);
        }
        if (span.StartsWith((byte[])[0, 0, 0xFE, 0xFF]))
        {
            return new UTF32Encoding(true, false).GetString(body, 4, body.Length - 4);
        }
        if (span.StartsWith((byte[])[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(body, 2, body.Length - 2);
        }
        if (span.StartsWith((byte[])[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(body, 2, body.Length - 2);
        }
        if (span.StartsWith((byte[])[0, (byte)'<', 0, (byte)'?']))
        {
            return Encoding.BigEndianUnicode.GetString(body);
        }
        if (span.StartsWith((byte[])[(byte)'<', 0, (byte)'?', 0]))
        {
            return Encoding.Unicode.GetString(body);
        }
        if (span.StartsWith((byte[])[0x4C, 0x6F, 0xA7, 0x94]))
        {
            // "<?xm" in EBCDIC: read the declaration in code page 37, then decode with what it names
            var ebcdic = Encoding.GetEncoding(37).GetString(body);
            var named = XmlDeclarationEncoding().Match(ebcdic) is { Success: true } d ? FromLabel(d.Groups[1].Value) : null;
            return named is null || named.CodePage == 37 ? ebcdic : named.GetString(body);
        }

        var labels = new List<string>();
        if (contentType is not null && CharsetParameter().Match(contentType) is { Success: true } http)
        {
            labels.Add(http.Groups[1].Value);
        }
        var head = Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 512));
        if (XmlDeclarationEncoding().Match(head) is { Success: true } declared)
        {
            labels.Add(declared.Groups[1].Value);
        }
        foreach (var label in labels)
        {
            var encoding = FromLabel(label);
            if (encoding is null)
            {
                repairs.Add("unknown-encoding");
                continue;
            }
            if (encoding.CodePage == Encoding.UTF8.CodePage)
            {
                if (TryUtf8(body, 0, out var utf8))
                {
                    return utf8;
                }
                repairs.Add("encoding-fallback");
                continue;
            }
            if (encoding.CodePage is 1200 or 1201 or 12000 or 12001)
            {
                // a UTF-16 label on bytes that are plainly ASCII-compatible (no BOM, no NULs): the label is wrong
                if (Array.IndexOf(body, (byte)0) < 0)
                {
                    repairs.Add("encoding-fallback");
                    continue;
                }
            }
            return encoding.GetString(body);
        }
        return DecodeUtf8OrFallback(body, 0, repairs);
    }

    private static string DecodeUtf8OrFallback(byte[] body, int offset, ICollection<string> repairs)
    {
        if (TryUtf8(body, offset, out var text))
        {
            return text;
        }
        repairs.Add("encoding-fallback");
        return Encoding.GetEncoding(1252).GetString(body, offset, body.Length - offset);
    }

    private static bool TryUtf8(byte[] body, int offset, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(body, offset, body.Length - offset);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>The encoding a charset label names; latin-1 and ascii labels mean windows-1252, as browsers read them.</summary>
    public static Encoding? FromLabel(string label)
    {
        var l = label.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (l)
        {
            case "utf8" or "utf-8" or "unicode-1-1-utf-8" or "x-unicode20utf8":
                return Encoding.UTF8;
            case "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "latin1" or "latin-1" or "l1" or "us-ascii" or "ascii" or "ansi_x3.4-1968"
                or "cp1252" or "windows-1252" or "x-cp1252" or "iso-ir-100" or "csisolatin1" or "ibm819" or "cp819":
                return Encoding.GetEncoding(1252);
            case "utf-16" or "utf16":
                return Encoding.Unicode;
        }
        if (Aliases.TryGetValue(l.Replace('_', '-'), out var aliased))
        {
            return Encoding.GetEncoding(aliased);
        }
        try
        {
            return Encoding.GetEncoding(l);
        }
        catch (ArgumentException)
        {
        }
        // cp1251, ibm866, csibm866, cspc850multilingual, windows-874, 437 …: a code page number
        if (CodePageLabel().Match(l) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var codePage))
        {
            try
            {
                return Encoding.GetEncoding(codePage);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                return null;
            }
        }
        return null;
    }

    private static readonly Dictionary<string, int> Aliases = new(StringComparer.Ordinal)
    {
        ["mac-roman"] = 10000, ["macroman"] = 10000, ["macintosh"] = 10000, ["csmacintosh"] = 10000, ["x-mac-roman"] = 10000, ["mac"] = 10000,
        ["ebcdic-cp-us"] = 37, ["ebcdic-cp-ca"] = 37, ["ebcdic-cp-nl"] = 37, ["ebcdic-cp-wt"] = 37, ["ebcdic-cp-be"] = 500, ["ebcdic-cp-ch"] = 500,
        ["ibm039"] = 37, ["cp-is"] = 861, ["cp-gr"] = 869, ["cskoi8r"] = 20866, ["koi8"] = 20866, ["tis-620"] = 874, ["cspc8codepage437"] = 437,
        ["cspcp852"] = 852,
    };

    [GeneratedRegex(@"^(?:cs)?(?:cp|ibm|pc|windows-|x-cp|ms-?|code-?page)?[-_]?(\d{3,5})(?:[a-z]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePageLabel();
}
