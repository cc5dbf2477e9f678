using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Salient.Storage;

namespace Salient.Significance;

/// <summary>What feedback on one story asks of the model: the story as it was judged, the score shown, and the score it should have had.</summary>
internal sealed record FeedbackTarget(string Id, string Title, string? Text, string? Source, IReadOnlyList<string> Outlets, double Shown, double Target, double Votes);

/// <summary>
/// Feedback exported as labels (<c>salient feedback export</c>, the admin's export) and read back by
/// <c>salient train --feedback</c>. A verdict does not say what the score should be, only which way it is wrong, so
/// a story's target is its shown score moved by <see cref="Step"/> in the direction its verdicts agree on (half as
/// far when they half agree; not at all for "about right", which holds the score where it is). The admin's verdict
/// counts as <see cref="AdminVotes"/> readers'.
/// </summary>
internal static class FeedbackLabels
{
    /// <summary>How far a unanimous "higher" or "lower" moves a story's target score.</summary>
    public const double Step = 1.5;

    public const double AdminVotes = 3;

    public static string ToJsonLine(StoryFeedback f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var o = new JsonObject
        {
            ["id"] = "feedback-" + f.StoryId.ToString(CultureInfo.InvariantCulture),
            ["story"] = f.StoryId,
            ["rubric"] = "feedback",
            ["verdict"] = f.Verdict,
            ["by"] = f.ByAdmin ? "admin" : "reader",
            ["shown"] = Math.Round(f.ShownScore, 2),
            ["title"] = f.Title,
            ["text"] = f.Lead,
            ["source"] = f.Source,
            ["outlets"] = new JsonArray([.. f.Outlets.Select(x => (JsonNode?)JsonValue.Create(x))]),
            ["at"] = f.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        return o.ToJsonString();
    }

    /// <summary>
    /// Reads exported feedback and turns it into one target per story. A line that is not feedback stops the read
    /// with its file and line number: a model trained on half a file would be wrong without saying so.
    /// </summary>
    public static List<FeedbackTarget> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new Cli.UsageException($"feedback file '{path}' does not exist; export it with 'salient feedback export --output {path}'");
        }
        var verdicts = new List<(string Id, string Verdict, bool Admin, double Shown, string Title, string? Text, string? Source, IReadOnlyList<string> Outlets)>();
        using var reader = new StreamReader(path);
        foreach (var (lineNo, line) in Cli.JsonLines.Read(reader))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                var id = Str(e, "id") ?? throw new FormatException("no id");
                var verdict = FeedbackStore.ParseVerdict(Str(e, "verdict"));
                if (!e.TryGetProperty("shown", out var sv) || sv.ValueKind != JsonValueKind.Number || sv.GetDouble() is var shown && (!double.IsFinite(shown) || shown < 0 || shown > 10))
                {
                    throw new FormatException("no 'shown' score within 0–10");
                }
                var title = Str(e, "title");
                if (string.IsNullOrWhiteSpace(title))
                {
                    throw new FormatException("no title");
                }
                var outlets = e.TryGetProperty("outlets", out var ov) && ov.ValueKind == JsonValueKind.Array
                    ? ov.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                    : [];
                verdicts.Add((id, verdict, string.Equals(Str(e, "by"), "admin", StringComparison.Ordinal), shown, title, Str(e, "text"), Str(e, "source"), outlets));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException)
            {
                throw new Cli.UsageException($"{path}:{lineNo}: not a feedback line ({ex.Message}); give a file written by 'salient feedback export'");
            }
        }
        return Targets(verdicts.Select(v => (v.Id, v.Verdict, v.Admin, v.Shown, v.Title, v.Text, v.Source, v.Outlets)).ToList());
    }

    /// <summary>One target per story from its verdicts (the latest line's text and shown score stand for the story).</summary>
    public static List<FeedbackTarget> Targets(IReadOnlyList<(string Id, string Verdict, bool Admin, double Shown, string Title, string? Text, string? Source, IReadOnlyList<string> Outlets)> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var targets = new List<FeedbackTarget>();
        foreach (var story in verdicts.GroupBy(v => v.Id, StringComparer.Ordinal))
        {
            double votes = 0, net = 0;
            foreach (var v in story)
            {
                var weight = v.Admin ? AdminVotes : 1;
                votes += weight;
                net += v.Verdict switch { "higher" => weight, "lower" => -weight, _ => 0 };
            }
            var last = story.Last();
            var target = Math.Clamp(last.Shown + Step * net / votes, 0, 10);
            targets.Add(new FeedbackTarget(story.Key, last.Title, last.Text, last.Source, last.Outlets, last.Shown, Math.Round(target, 3), votes));
        }
        return targets;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
