using System.Text.Json;
using Salient.Significance;

namespace Salient.Storage;

/// <summary>The teacher's answers by content hash (table significance_teacher_cache).</summary>
internal sealed class TeacherCache(Database database)
{
    public async Task<TeacherLabel?> GetAsync(string hash, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null, "SELECT factors, reason FROM significance_teacher_cache WHERE content_hash = @h",
            r => (Factors: r.Str("factors")!, Reason: r.Str("reason")!), ct, ("h", hash)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }
        var factors = JsonSerializer.Deserialize<Factors>(rows[0].Factors);
        // The holistic score (rubric 2) is kept beside the factors in the same JSON object.
        using var doc = JsonDocument.Parse(rows[0].Factors);
        double? holistic = doc.RootElement.TryGetProperty("score", out var h) && h.ValueKind == JsonValueKind.Number ? h.GetDouble() : null;
        return factors is null ? null : new TeacherLabel(factors, rows[0].Reason, true, holistic);
    }

    private static string FactorsJson(TeacherLabel label)
    {
        var node = JsonSerializer.SerializeToNode(label.Factors)!.AsObject();
        if (label.Holistic is { } h)
        {
            node["score"] = h;
        }
        return node.ToJsonString();
    }

    public async Task PutAsync(string hash, string model, string rubric, TeacherLabel label, long inputTokens, long outputTokens, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct).ConfigureAwait(false);
        await Sql.ExecuteAsync(conn, null,
            """
            INSERT INTO significance_teacher_cache (content_hash, model, rubric, factors, reason, input_tokens, output_tokens, created_at)
            VALUES (@h, @m, @r, @f, @reason, @in, @out, @now)
            ON CONFLICT (content_hash) DO UPDATE SET factors = excluded.factors, reason = excluded.reason, created_at = excluded.created_at
            """,
            ct, ("h", hash), ("m", model), ("r", rubric), ("f", FactorsJson(label)), ("reason", label.Reason),
            ("in", inputTokens), ("out", outputTokens), ("now", Clock.ToUnixMs(now))).ConfigureAwait(false);
    }
}
