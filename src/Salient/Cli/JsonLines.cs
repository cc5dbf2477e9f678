using System.Globalization;
using System.Text.Json;

namespace Salient.Cli;

/// <summary>What every batch tool's JSON Lines reader shares: the lines worth parsing, and parser errors a user can read.</summary>
internal static class JsonLines
{
    /// <summary>The non-blank lines with their numbers (from 1), a byte order mark before the first one dropped.</summary>
    public static IEnumerable<(int Number, string Text)> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (number == 1 && line.StartsWith('\uFEFF'))
            {
                line = line[1..];
            }
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }

    /// <summary>The parser's complaint without its own line count (always 0 for one line), with the byte it stopped at.</summary>
    public static string Describe(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.Message;
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (at >= 0)
        {
            message = message[..at];
        }
        message = message.TrimEnd('.', ' ');
        return e.BytePositionInLine is { } pos ? string.Create(CultureInfo.InvariantCulture, $"{message}, at byte {pos + 1}") : message;
    }
}
