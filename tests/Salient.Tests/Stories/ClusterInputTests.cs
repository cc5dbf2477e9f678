using Salient.Bench.Stories;
using Salient.Stories;

namespace Salient.Tests.Stories;

public sealed class ClusterInputTests
{
    private const string Good = """{"id":"a1","title":"Quake hits Japan","text":"A strong quake.","published":"2024-01-01T10:00:00Z","source":"AP","url":"https://ap.example/1"}""";

    [Fact]
    public void Well_formed_lines_are_read_with_ids_kept_as_given()
    {
        var records = ClusterInput.Read(new StringReader(Good + "\n\n" + """{"id":7,"title":"B","published":"2024-01-01T11:00:00+02:00"}"""), "in.jsonl");
        Assert.Equal(2, records.Count);
        Assert.Equal("\"a1\"", records[0].IdJson);
        Assert.Equal("7", records[1].IdJson);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), records[1].Published);
    }

    [Theory]
    [InlineData("{not json", "line 2", "not valid JSON")]
    [InlineData("[1,2]", "line 2", "expected a JSON object")]
    [InlineData("""{"title":"x","published":"2024-01-01T00:00:00Z"}""", "line 2", "missing 'id'")]
    [InlineData("""{"id":"x","title":42,"published":"2024-01-01T00:00:00Z"}""", "line 2", "'title' must be a string")]
    public void A_bad_line_stops_the_run_with_a_message_naming_the_line(string bad, string where, string what)
    {
        var e = Assert.Throws<SalientException>(() => ClusterInput.Read(new StringReader(Good + "\n" + bad + "\n" + Good), "in.jsonl"));
        Assert.Contains("in.jsonl " + where, e.Message, StringComparison.Ordinal);
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"x","title":"t","story_id":"g"}""", "missing 'published'")]
    [InlineData("""{"id":"x","title":"t","published":"yesterday","story_id":"g"}""", "'published' is not an ISO 8601 time: 'yesterday'")]
    [InlineData("""{"id":"x","title":"t","published":20240101,"story_id":"g"}""", "'published' is a number but not a Unix time: 20240101")]
    [InlineData("""{"id":"x","title":"t","published":20240105103000,"story_id":"g"}""", "'published' is a number but not a Unix time: 20240105103000")]
    [InlineData("""{"id":"x","title":"t","published":1714730400.5,"story_id":"g"}""", "'published' is a number but not a Unix time: 1714730400.5")]
    [InlineData("""{"id":"x","title":"t","published":false,"story_id":"g"}""", "'published' must be an ISO 8601 time or a Unix time, found False")]
    public void A_line_without_a_usable_time_is_read_without_one_and_named_but_an_evaluation_refuses_it(string untimed, string what)
    {
        var warnings = new List<string>();
        var records = ClusterInput.Read(new StringReader(Good + "\n" + untimed), "in.jsonl", warn: warnings.Add);
        Assert.Equal(2, records.Count);
        Assert.Null(records[1].Published);
        Assert.Contains(warnings, w => w.StartsWith("in.jsonl line 2: ", StringComparison.Ordinal) && w.Contains(what, StringComparison.Ordinal));

        var gold = Good.Replace("}", ",\"story_id\":\"g\"}", StringComparison.Ordinal);
        var e = Assert.Throws<SalientException>(() => ClusterInput.Read(new StringReader(gold + "\n" + untimed), "gold.jsonl", requireGold: true));
        Assert.Contains("gold.jsonl line 2: " + what, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_with_neither_title_nor_text_is_read_as_an_empty_article_and_named_but_an_evaluation_refuses_it()
    {
        const string empty = """{"id":"x","title":" ","published":"2024-01-01T00:00:00Z","story_id":"g"}""";
        var warnings = new List<string>();
        var records = ClusterInput.Read(new StringReader(Good + "\n" + empty), "in.jsonl", warn: warnings.Add);
        Assert.True(records[1].IsEmpty);
        Assert.False(records[0].IsEmpty);
        Assert.Equal("in.jsonl line 2: missing 'title' (and no 'text' either); the article is a story of its own", Assert.Single(warnings));
        var e = Assert.Throws<SalientException>(() => ClusterInput.Read(new StringReader(empty), "gold.jsonl", requireGold: true));
        Assert.Contains("gold.jsonl line 1: missing 'title'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_lines_without_a_time_are_named_up_to_five_and_then_counted()
    {
        var warnings = new List<string>();
        var lines = Enumerable.Range(0, 40).Select(i => $$"""{"id":{{i}},"title":"Untimed {{i}}"}""");
        var records = ClusterInput.Read(new StringReader(string.Join("\n", lines)), "in.jsonl", warn: warnings.Add);
        Assert.Equal(40, records.Count);
        Assert.Equal(6, warnings.Count);
        Assert.Equal("in.jsonl: 40 lines in all were read with a problem (no usable 'published' time, or neither title nor text)", warnings[^1]);
    }

    [Fact]
    public void An_untimed_article_takes_the_time_of_the_nearest_timed_one_before_it_else_after_it_else_zero()
    {
        static ClusterRecord R(int line, int? hour) =>
            new(line, line.ToString(System.Globalization.CultureInfo.InvariantCulture), "t", null,
                hour is { } h ? new DateTimeOffset(2024, 1, 1, h, 0, 0, TimeSpan.Zero) : null, null, null, null);
        var t8 = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var t3 = new DateTimeOffset(2024, 1, 1, 3, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal([t8, t8, t8, t3, t3], ClusterInput.Times([R(1, null), R(2, 8), R(3, null), R(4, 3), R(5, null)]));
        Assert.Equal([0L, 0L], ClusterInput.Times([R(1, null), R(2, null)]));
        Assert.Empty(ClusterInput.Times([]));
    }

    [Fact]
    public void Evaluation_input_without_a_gold_story_is_refused()
    {
        var e = Assert.Throws<SalientException>(() => ClusterInput.Read(new StringReader(Good), "gold.jsonl", requireGold: true));
        Assert.Contains("story_id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_are_perfect_for_the_gold_grouping_and_fall_for_one_big_cluster()
    {
        var gold = new[] { "a", "a", "b", "b", "c" };
        var perfect = ClusterScores.Measure([1, 1, 2, 2, 3], gold);
        Assert.Equal(1.0, perfect.BcubedF1, 6);
        Assert.Equal(1.0, perfect.PairF1, 6);
        var lumped = ClusterScores.Measure([1, 1, 1, 1, 1], gold);
        Assert.Equal(1.0, lumped.BcubedR, 6);
        Assert.Equal((2 * 0.4 + 2 * 0.4 + 0.2) / 5, lumped.BcubedP, 6);
        Assert.Equal(2.0 / 10, lumped.PairP, 6);
    }
}
