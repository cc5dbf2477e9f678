using System.Text.Json;

namespace Salient.Storage;

/// <summary>
/// One verdict on a story's score, with the story as it was when judged: its title, lead, outlets and the score
/// shown. <see cref="CurrentScore"/> is the story's score now (null once the story is gone).
/// </summary>
internal sealed record StoryFeedback(long Id, long StoryId, string Verdict, bool ByAdmin, double ShownScore, string Title, string? Lead,
    string? Source, IReadOnlyList<string> Outlets, DateTimeOffset At, double? CurrentScore);

/// <summary>What became of a verdict.</summary>
internal enum FeedbackOutcome
{
    Recorded,
    Replaced,
    NoSuchStory,
    NotScored,
}

/// <summary>Feedback on stories' scores ("should rank higher / lower / about right"): recorded, listed, exported.</summary>
internal sealed class FeedbackStore(Database db, TimeProvider clock)
{
    public static readonly string[] Verdicts = ["higher", "lower", "right"];

    /// <summary>The verdict named by a form or command, or an <see cref="ArgumentException"/> saying which are known.</summary>
    public static string ParseVerdict(string? verdict)
    {
        var v = verdict?.Trim().ToLowerInvariant();
        return v is not null && Verdicts.Contains(v, StringComparer.Ordinal)
            ? v
            : throw new ArgumentException($"'{Text.PlainText.Quoted(verdict)}' is not a verdict; say higher, lower or right");
    }

    /// <summary>
    /// Records a verdict on a visible, scored story; a client's earlier verdict on the same story is replaced, so a
    /// reader counts once per story. The story's title, lead, outlets and score are kept with it.
    /// </summary>
    public async Task<FeedbackOutcome> RecordAsync(long storyId, string client, bool byAdmin, string verdict, CancellationToken ct)
    {
        verdict = ParseVerdict(verdict);
        ArgumentException.ThrowIfNullOrWhiteSpace(client);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null,
            $"""
            SELECT s.score, COALESCE(s.title, ra.title) AS title, COALESCE(ra.excerpt, ra.feed_summary) AS lead, src.name AS source
            FROM stories s LEFT JOIN articles ra ON ra.id = s.representative_article_id LEFT JOIN sources src ON src.id = ra.source_id
            WHERE s.id = @id AND {StoryFilter.Visible("s")}
            """,
            r => (Score: r.Double("score"), Title: r.Str("title"), Lead: r.Str("lead"), Source: r.Str("source")), ct, ("id", storyId)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return FeedbackOutcome.NoSuchStory;
        }
        var story = rows[0];
        if (story.Score is not { } score)
        {
            return FeedbackOutcome.NotScored;
        }
        var outlets = await Sql.QueryAsync(conn, null,
            "SELECT DISTINCT src.name FROM articles a JOIN sources src ON src.id = a.source_id WHERE a.story_id = @id ORDER BY src.name",
            r => r.Str("name") ?? "", ct, ("id", storyId)).ConfigureAwait(false);
        var args = new (string, object?)[]
        {
            ("story", storyId), ("client", client), ("admin", byAdmin ? 1 : 0), ("verdict", verdict), ("score", score),
            ("title", story.Title ?? ""), ("lead", story.Lead), ("source", story.Source),
            ("outlets", JsonSerializer.Serialize(outlets.Where(o => o.Length > 0).ToList())), ("now", Clock.ToUnixMs(clock.GetUtcNow())),
        };
        var replaced = await Sql.ExecuteAsync(conn, null,
            """
            UPDATE story_feedback SET by_admin = @admin, verdict = @verdict, shown_score = @score, title = @title, lead = @lead, source = @source,
                   outlets = @outlets, created_at = @now
            WHERE story_id = @story AND client = @client
            """, ct, args).ConfigureAwait(false);
        if (replaced > 0)
        {
            return FeedbackOutcome.Replaced;
        }
        await Sql.ExecuteAsync(conn, null,
            """
            INSERT INTO story_feedback (story_id, client, by_admin, verdict, shown_score, title, lead, source, outlets, created_at)
            VALUES (@story, @client, @admin, @verdict, @score, @title, @lead, @source, @outlets, @now)
            ON CONFLICT (story_id, client) DO UPDATE SET verdict = excluded.verdict, shown_score = excluded.shown_score, created_at = excluded.created_at
            """, ct, args).ConfigureAwait(false);
        return FeedbackOutcome.Recorded;
    }

    /// <summary>The most recent verdicts first, with each story's score now.</summary>
    public async Task<List<StoryFeedback>> RecentAsync(int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null, $"{Select} ORDER BY f.created_at DESC, f.id DESC LIMIT @limit", Read, ct, ("limit", Math.Max(1, limit))).ConfigureAwait(false);
    }

    /// <summary>Every verdict, oldest first (for the export).</summary>
    public async Task<List<StoryFeedback>> AllAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        return await Sql.QueryAsync(conn, null, $"{Select} ORDER BY f.id", Read, ct).ConfigureAwait(false);
    }

    /// <summary>How many verdicts of each kind are stored.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null, "SELECT verdict, COUNT(*) AS n FROM story_feedback GROUP BY verdict",
            r => (Verdict: r.Str("verdict") ?? "", N: r.Long("n") ?? 0), ct).ConfigureAwait(false);
        return Verdicts.ToDictionary(v => v, v => rows.Where(r => r.Verdict == v).Sum(r => r.N), StringComparer.Ordinal);
    }

    private const string Select = """
        SELECT f.id, f.story_id, f.verdict, f.by_admin, f.shown_score, f.title, f.lead, f.source, f.outlets, f.created_at, s.score AS current_score
        FROM story_feedback f LEFT JOIN stories s ON s.id = f.story_id
        """;

    private static StoryFeedback Read(System.Data.Common.DbDataReader r)
    {
        List<string> outlets;
        try
        {
            outlets = JsonSerializer.Deserialize<List<string>>(r.Str("outlets") ?? "[]") ?? [];
        }
        catch (JsonException)
        {
            outlets = [];
        }
        return new StoryFeedback(r.Long("id")!.Value, r.Long("story_id")!.Value, r.Str("verdict") ?? "right", (r.Long("by_admin") ?? 0) != 0,
            r.Double("shown_score") ?? 0, r.Str("title") ?? "", r.Str("lead"), r.Str("source"), outlets, r.Time("created_at")!.Value, r.Double("current_score"));
    }
}
