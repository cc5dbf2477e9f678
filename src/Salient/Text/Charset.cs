using System.Text;

namespace Salient.Extraction;

/// <summary>
/// Turns the bytes of a served page into text, choosing the character encoding as a browser would:
/// byte order mark, then the HTTP charset, then a &lt;meta charset&gt; or http-equiv declaration in the
/// first bytes, then UTF-8 when the bytes are valid UTF-8, else windows-1252.
/// </summary>
internal static class HtmlDecoding
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
            case "utf8" or "unicode-1-1-utf-8" or "x-unicode20utf8":
                return Encoding.UTF8;
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
        var encoding = TryGet(label);
        return encoding is UTF8Encoding ? Encoding.UTF8 : encoding;
    }

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
