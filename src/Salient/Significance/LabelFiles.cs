using System.Globalization;
using System.Text.Json;
using Salient.Sources;

namespace Salient.Significance;

/// <summary>
/// One line of a labels file: a story id, the rubric version and the seven factors; text optional; from rubric 2
/// on, the holistic 0–10 <c>score</c> too.
/// </summary>
internal sealed record LabelRecord(string Id, string? Rubric, double[] Factors, string? Labeler, string? Title, string? Text, string? Source, IReadOnlyList<string>? Outlets, string? Reason, double? Holistic = null);

/// <summary>An item to score or label: the batch input shape <c>{id, title, text, source, published, outlets}</c>.</summary>
internal sealed record BatchItem(JsonElement Id, string Title, string? Text, string? Source, IReadOnlyList<string> Outlets)
{
    public string IdText => Id.ValueKind == JsonValueKind.String ? Id.GetString()! : Id.GetRawText();
}

/// <summary>Reads and writes the JSON Lines files of the significance tools.</summary>
internal static class LabelFiles
{
    /// <summary>Expands the paths given (a shell may pass a pattern such as data/labels/*.jsonl unexpanded).</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> patterns)
    {
        var files = new List<string>();
        foreach (var p in patterns)
        {
            if (p.Contains('*', StringComparison.Ordinal) || p.Contains('?', StringComparison.Ordinal))
            {
                var dir = Path.GetDirectoryName(p);
                dir = string.IsNullOrEmpty(dir) ? "." : dir;
                if (!Directory.Exists(dir))
                {
                    throw new Cli.UsageException($"folder '{dir}' of '{p}' does not exist");
                }
                files.AddRange(Directory.GetFiles(dir, Path.GetFileName(p)).Order(StringComparer.Ordinal));
            }
            else if (Directory.Exists(p))
            {
                files.AddRange(Directory.GetFiles(p, "*.jsonl").Order(StringComparer.Ordinal));
            }
            else
            {
                if (!File.Exists(p))
                {
                    throw new Cli.UsageException($"labels file '{p}' does not exist");
                }
                files.Add(p);
            }
        }
        // The story definitions beside the labels are not labels (they are read for the stories' coverage).
        files.RemoveAll(f => string.Equals(Path.GetFileName(f), StoryDefinition.FileName, StringComparison.Ordinal));
        if (files.Count == 0)
        {
            throw new Cli.UsageException("no labels files matched; give --labels data/labels/*.jsonl");
        }
        return files;
    }

    /// <summary>Reads labels; a line that is not a valid label is reported with its file and line number.</summary>
    public static List<LabelRecord> ReadLabels(IEnumerable<string> files, Action<string>? warn = null)
    {
        var list = new List<LabelRecord>();
        foreach (var file in files)
        {
            using var reader = new StreamReader(file);
            foreach (var (lineNo, line) in Cli.JsonLines.Read(reader))
            {
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    var e = doc.RootElement;
                    var id = Text(e, "id") ?? throw new FormatException("no id");
                    var factors = new double[Factors.Count];
                    for (var f = 0; f < Factors.Count; f++)
                    {
                        if (!e.TryGetProperty(Factors.Names[f], out var v) || v.ValueKind != JsonValueKind.Number)
                        {
                            throw new FormatException($"no numeric '{Factors.Names[f]}'");
                        }
                        var x = v.GetDouble();
                        if (!double.IsFinite(x) || x < 0 || x > 10)
                        {
                            throw new FormatException($"'{Factors.Names[f]}' is {x}, outside 0–10");
                        }
                        factors[f] = x;
                    }
                    double? holistic = null;
                    if (e.TryGetProperty("score", out var sv) && sv.ValueKind != JsonValueKind.Null)
                    {
                        var h = sv.ValueKind == JsonValueKind.Number ? sv.GetDouble() : double.NaN;
                        if (!double.IsFinite(h) || h < 0 || h > 10)
                        {
                            throw new FormatException($"'score' is {sv.GetRawText()}, not a number within 0–10");
                        }
                        holistic = h;
                    }
                    list.Add(new LabelRecord(id, Text(e, "rubric"), factors, Text(e, "labeler"), Text(e, "title"), Text(e, "text"), Text(e, "source"), Strings(e, "outlets"), Text(e, "reason"), holistic));
                }
                catch (Exception ex) when (ex is JsonException or FormatException)
                {
                    warn?.Invoke($"{file}:{lineNo}: skipped, not a label ({ex.Message})");
                }
            }
        }
        return list;
    }

    /// <summary>Reads batch items <c>{id, title, text, source, published, outlets}</c>; a bad line stops with its line number.</summary>
    public static IEnumerable<BatchItem> ReadItems(TextReader reader, string name = "input")
    {
        foreach (var (lineNo, line) in Cli.JsonLines.Read(reader))
        {
            BatchItem item;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                if (e.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("not a JSON object");
                }
                var id = e.TryGetProperty("id", out var idValue) ? idValue.Clone() : JsonDocument.Parse("null").RootElement.Clone();
                var outlets = Strings(e, "outlets") ?? [];
                item = new BatchItem(id, Text(e, "title") ?? "", Text(e, "text"), Text(e, "source"), outlets);
            }
            catch (Exception ex) when (ex is JsonException or FormatException)
            {
                throw new Cli.UsageException($"{name} line {lineNo} is not a JSON object {{id, title, text, source, published, outlets}}: {ex.Message}");
            }
            yield return item;
        }
    }

    /// <summary>The coverage of a batch item: its source and the outlets listed, distinct, each with its tier.</summary>
    public static Coverage CoverageOf(string? source, IReadOnlyList<string> outlets, OutletRegistry tiers)
    {
        var names = new List<string>();
        if (!string.IsNullOrWhiteSpace(source))
        {
            names.Add(source.Trim());
        }
        names.AddRange(outlets.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim()));
        var distinct = names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count == 0)
        {
            return Coverage.Unknown(OutletRegistry.Middle);
        }
        if (outlets.Count == 0)
        {
            // Only the item's own outlet: who else covers it is unknown, so it is rated on its content alone.
            return Coverage.Unknown(tiers.TierOf(distinct[0]));
        }
        return Coverage.FromTiers(distinct.Select(tiers.TierOf).ToList(), distinct.Count);
    }

    private static string? Text(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    private static List<string>? Strings(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var list = new List<string>();
        foreach (var x in v.EnumerateArray())
        {
            if (x.ValueKind == JsonValueKind.String)
            {
                list.Add(x.GetString()!);
            }
            else if (x.ValueKind == JsonValueKind.Object)
            {
                var n = Text(x, "name") ?? Text(x, "source") ?? Text(x, "domain") ?? Text(x, "url");
                if (n is not null)
                {
                    list.Add(n);
                }
            }
        }
        return list;
    }

    public static string Format(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>
/// Headlines of the shared data folder (<c>../shared/data</c> next to the repository) by id: the Reddit
/// headline stream (<c>fwd…</c>, title and domain) and the AllSides articles (title, lead and outlet).
/// </summary>
internal sealed class SharedHeadlines
{
    public sealed record Item(string Id, string Title, string? Text, string? Source, string Kind);

    private readonly Dictionary<string, Item> _items = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Item> Items => _items;

    public const string StreamFile = "fwd_reddit_headlines/headlines_2021-11_2022-07.jsonl";
    public const string AllSidesFile = "allsides_neus/allsides_2021_articles.jsonl";

    public static SharedHeadlines Load(string dataDir)
    {
        var result = new SharedHeadlines();
        var stream = Path.Combine(dataDir, StreamFile);
        if (File.Exists(stream))
        {
            foreach (var line in File.ReadLines(stream))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                var id = e.GetProperty("id").GetString()!;
                var kind = e.TryGetProperty("subreddit", out var s) ? s.GetString() ?? "" : "";
                result._items[id] = new Item(id, e.GetProperty("title").GetString() ?? "", null,
                    e.TryGetProperty("domain", out var d) ? d.GetString() : null, kind);
            }
        }
        var allsides = Path.Combine(dataDir, AllSidesFile);
        if (File.Exists(allsides))
        {
            foreach (var line in File.ReadLines(allsides))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                var id = e.GetProperty("article_id").GetString()!;
                result._items[id] = new Item(id, e.GetProperty("title").GetString() ?? "",
                    e.TryGetProperty("lead", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null,
                    e.TryGetProperty("source", out var src) ? src.GetString() : null,
                    e.TryGetProperty("allsides_topic", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "allsides");
            }
        }
        return result;
    }

    /// <summary>The shared data folder: <paramref name="given"/>, else ../shared/data beside the repository holding the current folder or the executable.</summary>
    public static string? Locate(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return Directory.Exists(given) ? Path.GetFullPath(given) : throw new Cli.UsageException($"data folder '{given}' does not exist");
        }
        return Cli.SharedDataFolder.Find();
    }
}
