using System.Text;
using System.Text.RegularExpressions;

namespace Salient.Text;

/// <summary>
/// The one charset sniffer: turns the bytes of a served document into text. An HTML page (<see cref="Decode(byte[], string?)"/>)
/// is read as a browser would: byte order mark, then the HTTP charset, then a &lt;meta charset&gt; or http-equiv
/// declaration in the first bytes, then UTF-8 when the bytes are valid UTF-8, else windows-1252. An XML document
/// such as a feed (<see cref="DecodeXml"/>) names its encoding in its XML declaration instead, and may be UTF-16
/// without a byte order mark, UTF-32 or EBCDIC. Both read latin-1 and ASCII labels as windows-1252.
/// </summary>
internal static partial class Charset
{
    /// <summary>How many leading bytes are searched for a &lt;meta&gt; declaration (browsers look at 1024; pages put long heads first).</summary>
    internal const int PrescanBytes = 8192;

    /// <summary>The windows-1252 encoding, which browsers also use for latin-1 and ASCII labels.</summary>
    public static Encoding Windows1252 { get; } = GetWindows1252();

    /// <summary>Decodes <paramref name="body"/>; <paramref name="contentType"/> is the HTTP Content-Type when known.</summary>
    public static string Decode(byte[] body, string? contentType) => Decode(body, contentType, out _);

    /// <summary>Decodes <paramref name="body"/> and tells which encoding was used and why.</summary>
    public static string Decode(byte[] body, string? contentType, out DecodingChoice choice)
    {
        ArgumentNullException.ThrowIfNull(body);
        choice = Choose(body, contentType);
        var skip = choice.Source == EncodingSource.ByteOrderMark ? choice.Encoding.GetPreamble().Length : 0;
        return choice.Encoding.GetString(body, skip, body.Length - skip);
    }

    /// <summary>Chooses the encoding of <paramref name="body"/> without decoding it.</summary>
    public static DecodingChoice Choose(byte[] body, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (FromByteOrderMark(body) is { } bom)
        {
            return new DecodingChoice(bom, EncodingSource.ByteOrderMark);
        }
        if (FromLabel(CharsetOf(contentType)) is { } header)
        {
            return Checked(body, header, EncodingSource.HttpHeader);
        }
        if (FromLabel(PrescanMeta(body)) is { } meta)
        {
            // A page that declares UTF-16 in its markup cannot be UTF-16 (the markup was readable as ASCII).
            if (meta is UnicodeEncoding or UTF32Encoding)
            {
                meta = Encoding.UTF8;
            }
            return Checked(body, meta, EncodingSource.MetaDeclaration);
        }
        return IsValidUtf8(body)
            ? new DecodingChoice(Encoding.UTF8, EncodingSource.Utf8Validity)
            : new DecodingChoice(Windows1252, EncodingSource.Fallback);
    }

    /// <summary>
    /// A declared single-byte encoding is overruled by valid UTF-8 with non-ASCII sequences: such bytes are
    /// practically never meaningful latin-1 text, while pages that declare latin-1 and serve UTF-8 are common.
    /// </summary>
    /// <remarks>
    /// The other way round, a page that claims UTF-8 but holds not one valid multi-byte sequence among its
    /// non-ASCII bytes is legacy text; it is read as windows-1252 rather than as a page of replacement characters.
    /// </remarks>
    private static DecodingChoice Checked(byte[] body, Encoding declared, EncodingSource source)
    {
        var (valid, invalid) = CountUtf8(body);
        if (declared.IsSingleByte && valid > 0 && invalid == 0)
        {
            return new DecodingChoice(Encoding.UTF8, EncodingSource.Utf8Validity);
        }
        if (declared is UTF8Encoding && valid == 0 && invalid > 0)
        {
            return new DecodingChoice(Windows1252, EncodingSource.Fallback);
        }
        return new DecodingChoice(declared, source);
    }

    /// <summary>Maps a charset label to an encoding the way browsers do; null for unknown labels.</summary>
    public static Encoding? FromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }
        label = label.Trim().Trim('"', '\'').Trim().ToLowerInvariant();
        switch (label)
        {
            case "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "l1" or "ascii" or "us-ascii" or "ansi_x3.4-1968"
                or "cp1252" or "windows-1252" or "x-cp1252" or "cp819" or "ibm819" or "iso-ir-100" or "csisolatin1":
                return Windows1252;
            case "utf8" or "utf-8" or "unicode-1-1-utf-8" or "x-unicode20utf8":
                return Encoding.UTF8;
            case "utf-16" or "utf16":
                return Encoding.Unicode;
            case "gb2312" or "gbk" or "x-gbk" or "chinese" or "csgb2312":
                // Browsers read every GB label as GB18030's superset.
                return TryGet("gb18030") ?? TryGet("gbk");
            case "iso-8859-9" or "latin5" or "l5":
                return TryGet("windows-1254");
            case "tis-620" or "iso-8859-11":
                return TryGet("windows-874");
            case "x-sjis" or "ms932" or "windows-31j":
                return TryGet("shift_jis");
        }
        if (Aliases.TryGetValue(label.Replace('_', '-'), out var aliased))
        {
            return TryGet(aliased);
        }
        var encoding = TryGet(label);
        if (encoding is null && CodePageLabel().Match(label) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var codePage))
        {
            // cp1251, ibm866, csibm866, cspc850multilingual, windows-874, 437 …: a code page number
            encoding = TryGet(codePage);
        }
        return encoding is UTF8Encoding ? Encoding.UTF8 : encoding;
    }

    private static readonly Dictionary<string, int> Aliases = new(StringComparer.Ordinal)
    {
        ["mac-roman"] = 10000, ["macroman"] = 10000, ["macintosh"] = 10000, ["csmacintosh"] = 10000, ["x-mac-roman"] = 10000, ["mac"] = 10000,
        ["ebcdic-cp-us"] = 37, ["ebcdic-cp-ca"] = 37, ["ebcdic-cp-nl"] = 37, ["ebcdic-cp-wt"] = 37, ["ebcdic-cp-be"] = 500, ["ebcdic-cp-ch"] = 500,
        ["ibm039"] = 37, ["cp-is"] = 861, ["cp-gr"] = 869, ["cskoi8r"] = 20866, ["koi8"] = 20866, ["cspc8codepage437"] = 437,
        ["cspcp852"] = 852,
    };

    [GeneratedRegex(@"^(?:cs)?(?:cp|ibm|pc|windows-|x-cp|ms-?|code-?page)?[-_]?(\d{3,5})(?:[a-z]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePageLabel();

    private static Encoding? TryGet(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding? TryGet(int codePage)
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

    private static Encoding GetWindows1252()
    {
        // Legacy code pages are not built into .NET; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    /// <summary>The charset parameter of a Content-Type value, or null.</summary>
    public static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }
        foreach (var part in contentType.Split(';'))
        {
            var p = part.Trim();
            if (p.StartsWith("charset", StringComparison.OrdinalIgnoreCase))
            {
                var eq = p.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    return p[(eq + 1)..].Trim().Trim('"', '\'');
                }
            }
        }
        return null;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex(@"^\s*<\?xml[^>]*?encoding\s*=\s*[""']([^""']+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclarationEncoding();

    /// <summary>
    /// Decodes an XML document (a feed): byte order mark (UTF-8, UTF-16, UTF-32), UTF-16 or EBCDIC recognised from the
    /// first bytes, then the HTTP charset, then the XML declaration; a document that claims UTF-8 (or claims nothing)
    /// but is not valid UTF-8 is read as windows-1252, and one that claims a single-byte encoding but is valid UTF-8 with
    /// multi-byte sequences is read as UTF-8. What had to be guessed is added to <paramref name="repairs"/>
    /// ("unknown-encoding", "encoding-fallback", "encoding-mismatch").
    /// </summary>
    public static string DecodeXml(byte[] body, string? contentType, ICollection<string> repairs)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(repairs);
        _ = Windows1252; // registers the legacy code pages
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
        if (CharsetOf(contentType) is { Length: > 0 } http)
        {
            labels.Add(http);
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
            if (encoding.IsSingleByte && CountUtf8(body) is { Valid: > 0, Invalid: 0 })
            {
                // a single-byte label on valid UTF-8 with multi-byte sequences: such bytes are practically never
                // meaningful latin-1 text, while feeds that declare latin-1 and serve UTF-8 are common
                repairs.Add("encoding-mismatch");
                return Encoding.UTF8.GetString(body);
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
        return Windows1252.GetString(body, offset, body.Length - offset);
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

    private static Encoding? FromByteOrderMark(byte[] b)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        }
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
        }
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        }
        return null;
    }

    /// <summary>
    /// Finds <c>&lt;meta charset=X&gt;</c> or <c>&lt;meta http-equiv="Content-Type" content="…charset=X"&gt;</c>
    /// in the first bytes, reading them as ASCII (every label and the markup around it is ASCII).
    /// </summary>
    internal static string? PrescanMeta(byte[] body)
    {
        var head = Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, PrescanBytes));
        var at = 0;
        while (true)
        {
            var start = head.IndexOf("<meta", at, StringComparison.OrdinalIgnoreCase);
            if (start < 0)
            {
                return null;
            }
            var end = head.IndexOf('>', start);
            if (end < 0)
            {
                return null;
            }
            var tag = head.AsSpan(start + 5, end - start - 5).ToString();
            at = end;
            if (Attribute(tag, "charset") is { Length: > 0 } charset)
            {
                return charset;
            }
            if (Attribute(tag, "http-equiv") is { } equiv && equiv.Equals("content-type", StringComparison.OrdinalIgnoreCase)
                && CharsetOf(Attribute(tag, "content")) is { Length: > 0 } fromContent)
            {
                return fromContent;
            }
        }
    }

    /// <summary>The value of attribute <paramref name="name"/> in the inside of a tag, or null.</summary>
    private static string? Attribute(string tag, string name)
    {
        var i = 0;
        while (i < tag.Length)
        {
            var found = tag.IndexOf(name, i, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return null;
            }
            i = found + name.Length;
            var boundaryBefore = found == 0 || char.IsWhiteSpace(tag[found - 1]) || tag[found - 1] is '"' or '\'' or '/';
            var j = i;
            while (j < tag.Length && char.IsWhiteSpace(tag[j]))
            {
                j++;
            }
            if (!boundaryBefore || j >= tag.Length || tag[j] != '=')
            {
                continue;
            }
            j++;
            while (j < tag.Length && char.IsWhiteSpace(tag[j]))
            {
                j++;
            }
            if (j >= tag.Length)
            {
                return string.Empty;
            }
            if (tag[j] is '"' or '\'')
            {
                var quote = tag[j];
                var close = tag.IndexOf(quote, j + 1);
                return close < 0 ? tag[(j + 1)..] : tag[(j + 1)..close];
            }
            var stop = j;
            while (stop < tag.Length && !char.IsWhiteSpace(tag[stop]) && tag[stop] is not ('/' or ';'))
            {
                stop++;
            }
            return tag[j..stop];
        }
        return null;
    }

    internal static bool IsValidUtf8(byte[] body) => CountUtf8(body).Invalid == 0;

    /// <summary>Counts well-formed multi-byte UTF-8 sequences and bytes that cannot be part of one.</summary>
    internal static (int Valid, int Invalid) CountUtf8(ReadOnlySpan<byte> bytes)
    {
        int valid = 0, invalid = 0, i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }
            var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                valid++;
            }
            else if (status == System.Buffers.OperationStatus.NeedMoreData)
            {
                // A sequence cut by the end of the body (a capped download) is not evidence against UTF-8.
                break;
            }
            else
            {
                invalid++;
            }
            i += Math.Max(consumed, 1);
        }
        return (valid, invalid);
    }
}

/// <summary>Where the chosen encoding of a page came from.</summary>
internal enum EncodingSource
{
    ByteOrderMark,
    HttpHeader,
    MetaDeclaration,
    Utf8Validity,
    Fallback,
}

/// <summary>The encoding chosen for a page and the evidence for it.</summary>
internal sealed record DecodingChoice(Encoding Encoding, EncodingSource Source);
