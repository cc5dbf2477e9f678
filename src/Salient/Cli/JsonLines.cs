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
            line = line.TrimStart('\uFEFF');
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
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
