using System.Globalization;
using System.Text.Json;

namespace Salient.Significance;

/// <summary>
/// The stories that version-2 labels rate, as the pipeline formed them: their articles (ids into the shared data),
/// the representative article, and their coverage (outlets with tier and country, article count, growth and the
/// size of the day they ran in). Kept in <c>data/labels/stories-v2.jsonl</c>; the texts stay in the shared data.
/// </summary>
internal sealed record StoryDefinition(string Id, string Representative, IReadOnlyList<string> Articles, Coverage Coverage, string Stratum, double StreamWeight)
{
    public const string FileName = "stories-v2.jsonl";

    /// <summary>The story definitions kept beside the given label files (none when there are none).</summary>
    public static Dictionary<string, StoryDefinition> Beside(IEnumerable<string> labelFiles)
    {
        var result = new Dictionary<string, StoryDefinition>(StringComparer.Ordinal);
        foreach (var dir in labelFiles.Select(f => Path.GetDirectoryName(Path.GetFullPath(f)) ?? ".").Distinct(StringComparer.Ordinal))
        {
            var path = Path.Combine(dir, FileName);
            if (File.Exists(path))
            {
                foreach (var (id, story) in Read(path))
                {
                    result[id] = story;
                }
            }
        }
        return result;
    }

    public static Dictionary<string, StoryDefinition> Read(string path)
    {
        var result = new Dictionary<string, StoryDefinition>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                var id = e.GetProperty("story").GetString() ?? throw new FormatException("no story id");
                var articles = e.GetProperty("articles").EnumerateArray().Select(a => a.GetString() ?? "").ToList();
                var outlets = e.GetProperty("outlets").EnumerateArray().ToList();
                var tiers = outlets.Select(o => o.GetProperty("tier").GetInt32()).ToList();
                var countries = outlets.Select(o => o.TryGetProperty("country", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null)
                    .Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).Count();
                var growth = e.GetProperty("growth");
                var early = growth.GetProperty("6h").GetInt32();
                var coverage = Coverage.FromTiers(tiers, early) with
                {
                    Countries = countries,
                    Articles = e.GetProperty("article_count").GetInt32(),
                    SpanHours = e.GetProperty("span_hours").GetDouble(),
                    DayOutlets = e.GetProperty("day_outlets").GetInt32(),
                };
                var stratum = e.TryGetProperty("stratum", out var st) ? st.GetString() ?? "" : "";
                var weight = e.TryGetProperty("weight", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDouble() : 0;
                // A story stands for as many headlines of the stream as it has articles, times its sampling weight.
                result[id] = new StoryDefinition(id, e.GetProperty("representative").GetString() ?? articles[0], articles, coverage, stratum, weight * articles.Count);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new SalientException(string.Create(CultureInfo.InvariantCulture, $"{path}:{lineNo}: not a story definition ({ex.Message}); rebuild the file or correct the line"), ex);
            }
        }
        return result;
    }
}
