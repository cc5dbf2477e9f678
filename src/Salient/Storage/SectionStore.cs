using System.Text.Json;
using Salient.Sections;

namespace Salient.Storage;

/// <summary>Stories' sections: what the tagger needs of a story's outlets, and its desks and countries as stored.</summary>
internal sealed class SectionStore(Database db, TimeProvider clock)
{
    /// <summary>The desk (source category) and country of each source with an article in the story.</summary>
    public async Task<List<OutletFacts>> OutletsAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null,
            "SELECT src.category, src.country FROM articles a JOIN sources src ON src.id = a.source_id WHERE a.story_id = @id ORDER BY a.id",
            r => new OutletFacts(r.Str("category"), r.Str("country")), ct, ("id", storyId)).ConfigureAwait(false);
    }

    /// <summary>Stores the story's desks and countries; the site's related index reads them at its next refresh (<c>topic_updated</c>).</summary>
    public async Task SaveAsync(long storyId, StorySections sections, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sections);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null, $"UPDATE stories SET topics = @topics, topic_scores = @scores, about_countries = @countries, {StoryStore.TopicTouched} WHERE id = @id", ct,
            ("topics", Joined(sections.TopicSlugs)), ("scores", JsonSerializer.Serialize(sections.Topics.Select(t => new { desk = t.Desk, confidence = t.Confidence }))),
            ("countries", Joined(sections.Countries)), ("now", Clock.ToUnixMs(clock.GetUtcNow())), ("id", storyId)).ConfigureAwait(false);
    }

    /// <summary>A story's stored sections, or null when it has none yet (not scored since sections were added).</summary>
    public async Task<StorySections?> SectionsAsync(long storyId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null, "SELECT topics, topic_scores, about_countries FROM stories WHERE id = @id",
            r => (Topics: r.Str("topics"), Scores: r.Str("topic_scores"), Countries: r.Str("about_countries")), ct, ("id", storyId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : Read(rows[0].Topics, rows[0].Scores, rows[0].Countries);
    }

    /// <summary>Sections from the stored columns, or null when the story has none yet (<paramref name="topics"/> is null).</summary>
    internal static StorySections? Read(string? topics, string? scores, string? countries)
    {
        if (topics is null)
        {
            return null;
        }
        var confidence = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(scores ?? "[]");
            if (doc.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in doc.RootElement.EnumerateArray())
                {
                    if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("desk", out var d) && d.ValueKind == JsonValueKind.String && d.GetString() is { } desk
                        && e.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetDouble(out var v))
                    {
                        confidence[desk] = v;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // confidences are shown when readable; the desks themselves are in the topics column
        }
        return new StorySections(Split(topics).Select(t => new TopicScore(t, confidence.GetValueOrDefault(t))).ToList(), Split(countries));
    }

    /// <summary>The WHERE condition and its arguments for stories filed under a desk and/or about one of the countries (null: no filter).</summary>
    internal static (List<string> Where, List<(string, object?)> Args) Filter(string? desk, IReadOnlyCollection<string>? countries, string alias = "s")
    {
        var where = new List<string>();
        var args = new List<(string, object?)>();
        if (desk is not null)
        {
            where.Add($"{alias}.topics LIKE @section_desk");
            args.Add(("section_desk", $"%,{desk},%"));
        }
        if (countries is not null)
        {
            if (countries.Count == 0)
            {
                where.Add("1 = 0");
            }
            else
            {
                var parts = new List<string>();
                var i = 0;
                foreach (var c in countries)
                {
                    parts.Add($"{alias}.about_countries LIKE @section_c{i}");
                    args.Add(($"section_c{i}", $"%,{c},%"));
                    i++;
                }
                where.Add("(" + string.Join(" OR ", parts) + ")");
            }
        }
        return (where, args);
    }

    internal static string Joined(IEnumerable<string> values) => "," + string.Join(',', values) + ",";

    internal static List<string> Split(string? joined) =>
        (joined ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
