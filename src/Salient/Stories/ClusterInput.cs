using System.Globalization;
using System.Text.Json;

namespace Salient.Stories;

/// <summary>One line of a <c>cluster</c> or <c>eval cluster</c> input file.</summary>
/// <param name="Published">Null when the line gives no usable time (only <c>cluster</c> takes such a line: see <see cref="ClusterInput.Times"/>).</param>
internal sealed record ClusterRecord(int Line, string IdJson, string Title, string? Text, DateTimeOffset? Published, string? Source, string? Url, string? Gold)
{
    /// <summary>Neither title nor text: nothing to group it by (only <c>cluster</c> takes such a line, as a story of its own).</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Text);
}

/// <summary>
/// Reads JSON Lines of articles: <c>{id, title, text, published, source, url}</c>, or the AllSides shape
/// <c>{article_id, title, lead, date, source, story_id}</c>. A bad line stops the run with a message naming it;
/// blank lines and a byte order mark are skipped; an id used twice is kept twice (each line is an article) and reported.
/// A line whose time is missing or unreadable, or with neither title nor text, is still an article: it is reported and
/// read as it is (an evaluation refuses it).
/// </summary>
internal static class ClusterInput
{
    /// <summary>Repeated ids (and lines without a usable time) reported one by one before the rest are only counted.</summary>
    private const int RepeatsShown = 5;

    public static List<ClusterRecord> Read(TextReader reader, string name, bool requireGold = false, Action<string>? warn = null)
    {
        var list = new List<ClusterRecord>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeats = 0;
        var untimed = 0;
        foreach (var (lineNo, line) in Cli.JsonLines.Read(reader))
        {
            var record = Parse(line, lineNo, name, requireGold, problem =>
            {
                if (++untimed <= RepeatsShown)
                {
                    warn?.Invoke($"{name} line {lineNo}: {problem}");
                }
            });
            if (!firstLine.TryAdd(record.IdJson, lineNo) && ++repeats <= RepeatsShown)
            {
                warn?.Invoke($"{name} line {lineNo}: id {record.IdJson} was already used on line {firstLine[record.IdJson]}; both lines are kept as separate articles (give each article its own id)");
            }
            list.Add(record);
        }
        if (repeats > RepeatsShown)
        {
            warn?.Invoke($"{name}: {repeats} lines in all repeat an earlier line's id");
        }
        if (untimed > RepeatsShown)
        {
            warn?.Invoke($"{name}: {untimed} lines in all were read with a problem (no usable 'published' time, or neither title nor text)");
        }
        return list;
    }

    /// <summary>
    /// Each record's time in Unix milliseconds, in input order. A record without a time takes the time of the nearest
    /// record before it that has one (else of the first after it): input in time order, or grouped by event, keeps an
    /// untimed article beside its neighbours. When no record has a time, all are at 0 and only their texts group them.
    /// </summary>
    public static long[] Times(IReadOnlyList<ClusterRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var times = new long[records.Count];
        long? last = records.FirstOrDefault(r => r.Published is not null)?.Published!.Value.ToUnixTimeMilliseconds();
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Published is { } p)
            {
                last = p.ToUnixTimeMilliseconds();
            }
            times[i] = last ?? 0;
        }
        return times;
    }

    /// <param name="line">The line's text.</param>
    /// <param name="lineNo">Its number, for messages.</param>
    /// <param name="name">The input's name, for messages.</param>
    /// <param name="requireGold">An evaluation's input: a gold story and a usable time are required.</param>
    /// <param name="readAnyway">
    /// Told what is wrong with a line that is still an article: one without a usable time (read without one) or with
    /// neither title nor text (<see cref="ClusterRecord.IsEmpty"/>); null: such a line is refused.
    /// </param>
    public static ClusterRecord Parse(string line, int lineNo, string name, bool requireGold, Action<string>? readAnyway = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new SalientException($"{name} line {lineNo}: not valid JSON ({Cli.JsonLines.Describe(e)}); each line must be one JSON object {{id, title, text, published, source, url}}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SalientException($"{name} line {lineNo}: expected a JSON object {{id, title, text, published, source, url}}, found {root.ValueKind}");
            }
            var id = Field(root, "id", "article_id");
            if (id is null)
            {
                throw new SalientException($"{name} line {lineNo}: missing 'id' (a string or number); give every article an id");
            }
            if (id.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                throw new SalientException($"{name} line {lineNo}: 'id' must be a string or a number, found {id.Value.ValueKind}");
            }
            var title = String(root, lineNo, name, "title");
            var text = String(root, lineNo, name, "text", "lead");
            if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(text))
            {
                const string empty = "missing 'title' (and no 'text' either)";
                if (requireGold || readAnyway is null)
                {
                    throw new SalientException($"{name} line {lineNo}: {empty}");
                }
                readAnyway($"{empty}; the article is a story of its own");
            }
            var (published, timeProblem) = Published(root);
            if (timeProblem is not null)
            {
                if (requireGold || readAnyway is null)
                {
                    throw new SalientException($"{name} line {lineNo}: {timeProblem}");
                }
                readAnyway($"{timeProblem}; the article is grouped by its text, at the time of the article before it in the input");
            }
            var gold = Field(root, "story_id") is { ValueKind: JsonValueKind.String or JsonValueKind.Number } g ? g.ToString() : null;
            if (requireGold && gold is null)
            {
                throw new SalientException($"{name} line {lineNo}: missing 'story_id' (the gold story)");
            }
            return new ClusterRecord(lineNo, id.Value.GetRawText(), title ?? "", text, published,
                String(root, lineNo, name, "source"), String(root, lineNo, name, "url"), gold);
        }
    }

    /// <summary>The line's time, or why it has none.</summary>
    private static (DateTimeOffset? Published, string? Problem) Published(JsonElement root)
    {
        var v = Field(root, "published", "date");
        if (v is null || (v.Value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(v.Value.GetString())))
        {
            return (null, "missing 'published' (an ISO 8601 time)");
        }
        if (v.Value.ValueKind == JsonValueKind.Number)
        {
            return Cli.JsonLines.UnixTime(v.Value) is { } unix
                ? (unix, null)
                : (null, $"'published' is a number but not a Unix time: {v.Value.GetRawText()}; give whole seconds (or milliseconds) since 1970, or an ISO 8601 time like 2024-05-03T10:00:00Z");
        }
        if (v.Value.ValueKind != JsonValueKind.String)
        {
            return (null, $"'published' must be an ISO 8601 time or a Unix time, found {v.Value.ValueKind}; write it like 2024-05-03T10:00:00Z");
        }
        var raw = v.Value.GetString()!;
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var published)
            ? (published, null)
            : (null, $"'published' is not an ISO 8601 time: '{(raw.Length > 60 ? raw[..60] + "…" : raw)}'; write it like 2024-05-03T10:00:00Z (a time without an offset is taken as UTC)");
    }

    private static JsonElement? Field(JsonElement root, params string[] names)
    {
        foreach (var n in names)
        {
            if (root.TryGetProperty(n, out var v) && v.ValueKind != JsonValueKind.Null)
            {
                return v;
            }
        }
        return null;
    }

    private static string? String(JsonElement root, int lineNo, string name, params string[] names)
    {
        var v = Field(root, names);
        if (v is null)
        {
            return null;
        }
        if (v.Value.ValueKind != JsonValueKind.String)
        {
            throw new SalientException($"{name} line {lineNo}: '{names[0]}' must be a string, found {v.Value.ValueKind}");
        }
        return v.Value.GetString();
    }
}
