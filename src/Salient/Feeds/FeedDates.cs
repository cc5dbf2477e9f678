using System.Globalization;
using System.Text.RegularExpressions;

namespace Salient.Feeds;

/// <summary>
/// Reads the dates feeds write: RFC 822 (with or without weekday, two- or four-digit years, day and month swapped,
/// zone names such as EST, PDT or CEST, or no zone), RFC 3339 and the rest of W3C-DTF, asctime, and whatever
/// .NET can read in the invariant culture. A date without a zone is taken as UTC.
/// </summary>
internal static partial class FeedDates
{
    private static readonly Dictionary<string, int> ZoneMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["WEZ"] = 0,
        ["EST"] = -300, ["EDT"] = -240, ["ET"] = -300, ["CST"] = -360, ["CDT"] = -300, ["CT"] = -360,
        ["MST"] = -420, ["MDT"] = -360, ["MT"] = -420, ["PST"] = -480, ["PDT"] = -420, ["PT"] = -480,
        ["AST"] = -240, ["ADT"] = -180, ["AT"] = -240, ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600,
        ["NST"] = -210, ["NDT"] = -150,
        ["CET"] = 60, ["CEST"] = 120, ["MET"] = 60, ["MEST"] = 120, ["MEZ"] = 60, ["MESZ"] = 120, ["WEST"] = 60, ["WESZ"] = 60,
        ["BST"] = 60, ["IST"] = 330, ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["MSD"] = 240,
        ["JST"] = 540, ["KST"] = 540, ["HKT"] = 480, ["SGT"] = 480, ["AWST"] = 480, ["ACST"] = 570, ["ACDT"] = 630,
        ["AEST"] = 600, ["AEDT"] = 660, ["NZST"] = 720, ["NZDT"] = 780, ["PHT"] = 480, ["WIB"] = 420, ["ICT"] = 420,
        ["A"] = -60, ["N"] = 60, ["M"] = -720, ["Y"] = 720,
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    [GeneratedRegex(@"^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?|-?(\d{3}))?(?:(?:T|\s+)(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{2,5})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    /// <summary>The instant a feed's date string names, or null when it names none.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var s = value.Trim();
        try
        {
            return ParseIso(s) ?? ParseRfc822(s) ?? ParseAsctime(s) ?? ParseFallback(s);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static DateTimeOffset? ParseIso(string s)
    {
        if (s.Length < 4 || !char.IsAsciiDigit(s[0]))
        {
            return null;
        }
        var m = Iso().Match(s);
        if (!m.Success)
        {
            return null;
        }
        var year = Int(m.Groups[1].Value);
        int month = 1, day = 1;
        if (m.Groups[4].Success)
        {
            var ordinal = Int(m.Groups[4].Value);
            if (ordinal is < 1 or > 366)
            {
                return null;
            }
            var date = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(ordinal - 1);
            month = date.Month;
            day = date.Day;
        }
        else
        {
            if (m.Groups[2].Success)
            {
                month = Int(m.Groups[2].Value);
            }
            if (m.Groups[3].Success)
            {
                day = Int(m.Groups[3].Value);
            }
        }
        var hour = m.Groups[5].Success ? Int(m.Groups[5].Value) : 0;
        var minute = m.Groups[6].Success ? Int(m.Groups[6].Value) : 0;
        var second = m.Groups[7].Success ? Int(m.Groups[7].Value) : 0;
        var fraction = 0.0;
        if (m.Groups[8].Success)
        {
            fraction = double.Parse("0." + m.Groups[8].Value, CultureInfo.InvariantCulture);
        }
        var offset = 0;
        if (m.Groups[9].Success && !TryZone(m.Groups[9].Value, out offset))
        {
            return null;
        }
        return Build(year, month, day, hour, minute, second, offset)?.AddTicks((long)(fraction * TimeSpan.TicksPerSecond));
    }

    private static DateTimeOffset? ParseRfc822(string s)
    {
        var parts = s.Replace(",", " , ", StringComparison.Ordinal).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(p => p != ",").ToList();
        if (parts.Count == 0)
        {
            return null;
        }
        if (parts[0].Length >= 3 && !char.IsAsciiDigit(parts[0][0]) && MonthOf(parts[0]) == 0)
        {
            parts.RemoveAt(0); // weekday
        }
        if (parts.Count < 3)
        {
            return null;
        }
        int day, month;
        if (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out day))
        {
            month = MonthOf(parts[1]);
        }
        else
        {
            month = MonthOf(parts[0]);
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out day))
            {
                return null;
            }
        }
        if (month == 0)
        {
            return null;
        }
        var yearText = parts[2];
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }
        if (yearText.Length <= 2)
        {
            year += year < 90 ? 2000 : 1900;
        }
        int hour = 0, minute = 0, second = 0, offset = 0;
        var next = 3;
        if (parts.Count > next && parts[next].Contains(':', StringComparison.Ordinal))
        {
            var t = parts[next].Split(':');
            if (!int.TryParse(t[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour)
                || (t.Length > 1 && !int.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute))
                || (t.Length > 2 && !int.TryParse(t[2].Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out second)))
            {
                return null;
            }
            next++;
            if (parts.Count > next && (parts[next].Equals("AM", StringComparison.OrdinalIgnoreCase) || parts[next].Equals("PM", StringComparison.OrdinalIgnoreCase)))
            {
                if (parts[next].Equals("PM", StringComparison.OrdinalIgnoreCase) && hour < 12)
                {
                    hour += 12;
                }
                else if (parts[next].Equals("AM", StringComparison.OrdinalIgnoreCase) && hour == 12)
                {
                    hour = 0;
                }
                next++;
            }
        }
        if (parts.Count > next)
        {
            var zone = parts[next];
            if (zone.StartsWith("Etc/", StringComparison.OrdinalIgnoreCase))
            {
                zone = zone[4..];
            }
            if (zone.StartsWith("GMT", StringComparison.OrdinalIgnoreCase) && zone.Length > 3)
            {
                zone = zone[3..];
            }
            else if (zone.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) && zone.Length > 3)
            {
                zone = zone[3..];
            }
            if (!TryZone(zone, out offset))
            {
                offset = 0;
            }
        }
        return Build(year, month, day, hour, minute, second, offset);
    }

    private static DateTimeOffset? ParseAsctime(string s)
    {
        // Sun Jan  4 16:29:06 2004, optionally with a zone before the year
        var parts = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 5 or > 6 || MonthOf(parts[1]) == 0 || !parts[3].Contains(':', StringComparison.Ordinal))
        {
            return null;
        }
        var zone = parts.Length == 6 ? parts[4] : "GMT";
        var year = parts[^1];
        return ParseRfc822($"{parts[2]} {parts[1]} {year} {parts[3]} {zone}");
    }

    private static DateTimeOffset? ParseFallback(string s)
    {
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var d))
        {
            return d.ToUniversalTime();
        }
        return null;
    }

    private static int MonthOf(string token)
    {
        if (token.Length < 3)
        {
            return 0;
        }
        var t = token[..3].ToLowerInvariant();
        var index = Array.IndexOf(Months, t);
        return index + 1;
    }

    private static bool TryZone(string zone, out int minutes)
    {
        minutes = 0;
        if (zone.Length == 0)
        {
            return true;
        }
        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
            if (digits.Length == 0 || digits.Length > 4 || !digits.All(char.IsAsciiDigit))
            {
                return false;
            }
            int h, m = 0;
            if (digits.Length <= 2)
            {
                h = Int(digits);
            }
            else
            {
                h = Int(digits[..^2]);
                m = Int(digits[^2..]);
            }
            minutes = (h * 60 + m) * (zone[0] == '-' ? -1 : 1);
            return Math.Abs(minutes) <= 14 * 60;
        }
        return ZoneMinutes.TryGetValue(zone.Trim('(', ')'), out minutes);
    }

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, int offsetMinutes)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 24 || minute is < 0 or > 59 || second is < 0 or > 61)
        {
            return null;
        }
        var extraDay = 0;
        if (hour == 24)
        {
            hour = 0;
            extraDay = 1;
        }
        if (second > 59)
        {
            second = 59;
        }
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddDays(extraDay);
        return new DateTimeOffset(local.AddMinutes(-offsetMinutes), TimeSpan.Zero);
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
}
