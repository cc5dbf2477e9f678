using System.Globalization;
using System.Text.Json;

namespace Salient.Cli;

/// <summary>What every batch tool's JSON Lines reader shares: the lines worth parsing, and parser errors a user can read.</summary>
internal static class JsonLines
{
    /// <summary>
    /// The non-blank lines with their numbers (from 1), a byte order mark at the start of any line dropped (files
    /// joined with <c>cat</c> carry each file's mark into the middle of the input).
    /// </summary>
    public static IEnumerable<(int Number, string Text)> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            line = MendSurrogates(line.TrimStart('\uFEFF'));
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }

    /// <summary>
    /// A JSON line with every lone surrogate escape inside its strings (<c>"\ud83c"</c> without its low half, as text
    /// cut in the middle of an emoji by a UTF-16 substring is written) made <c>\ufffd</c>, the replacement character.
    /// The JSON reader refuses such a string only when it is read, after the line parsed, so without this one cut
    /// emoji would stop a whole batch. Escapes are read as JSON reads them (<c>\\ud83c</c> is a backslash and text,
    /// left alone); anything else is left to the parser to report.
    /// </summary>
    public static string MendSurrogates(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.Contains("\\u", StringComparison.Ordinal))
        {
            return line;
        }
        char[]? mended = null;
        var inString = false;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (!inString || c != '\\')
            {
                if (c == '"')
                {
                    inString = !inString;
                }
                i++;
                continue;
            }
            if (i + 1 >= line.Length || line[i + 1] != 'u' || !Hex(line, i + 2, out var unit))
            {
                i += 2;
                continue;
            }
            if (char.IsHighSurrogate(unit) && i + 12 <= line.Length && line[i + 6] == '\\' && line[i + 7] == 'u'
                && Hex(line, i + 8, out var low) && char.IsLowSurrogate(low))
            {
                i += 12;
                continue;
            }
            if (char.IsSurrogate(unit))
            {
                mended ??= line.ToCharArray();
                "\\ufffd".CopyTo(mended.AsSpan(i));
            }
            i += 6;
        }
        return mended is null ? line : new string(mended);
    }

    private static bool Hex(string s, int at, out char unit)
    {
        if (at + 4 <= s.Length && ushort.TryParse(s.AsSpan(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            unit = (char)v;
            return true;
        }
        unit = '\0';
        return false;
    }

    /// <summary>
    /// Opens a batch tool's input: a file, or standard input for "-". A folder, a missing file or one that cannot
    /// be read is a clear error naming the path; <paramref name="unit"/> says what one line holds ("one article a line").
    /// </summary>
    public static TextReader OpenInput(string path, string unit)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "-")
        {
            return Console.In;
        }
        if (Directory.Exists(path))
        {
            throw new UsageException($"input '{path}' is a folder; give a JSON Lines file, {unit}");
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"input file '{path}' does not exist; give a JSON Lines file, {unit}, or '-' to read standard input");
        }
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SalientException($"input file '{path}' cannot be read: {e.Message}", e);
        }
    }

    /// <summary>"standard input" for "-", else the path: how messages name an input.</summary>
    public static string InputName(string path) => path == "-" ? "standard input" : path;

    /// <summary>
    /// A JSON number read as a Unix time: whole seconds since 1970, or milliseconds when it is above 100,000,000,000.
    /// Null when it is not a whole number, or names no time between 1973 and 2200: a smaller number is no news
    /// article's time but most likely a date written as digits (20240105), and a larger one no time at all.
    /// </summary>
    public static DateTimeOffset? UnixTime(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < 100_000_000)
        {
            return null;
        }
        var ms = n > 100_000_000_000 ? n : n * 1000;
        return ms <= LatestUnixMs ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    private static readonly long LatestUnixMs = new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>
    /// The parser's complaint without its own position text, with the byte it stopped at counted from 1; with
    /// <paramref name="withLine"/> the line too (a whole document; one JSON Lines line is always line 0).
    /// </summary>
    public static string Describe(JsonException e, bool withLine = false)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.Message;
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (at >= 0)
        {
            message = message[..at];
        }
        message = message.TrimEnd('.', ' ');
        if (e.BytePositionInLine is not { } pos)
        {
            return message;
        }
        return withLine && e.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"{message}, at line {line + 1}, byte {pos + 1}")
            : string.Create(CultureInfo.InvariantCulture, $"{message}, at byte {pos + 1}");
    }
}
