using System.Text.Json;
using Salient.Tests.Support;

namespace Salient.Tests.Sections;

/// <summary>The real <c>salient score</c> executable adds each item's desks and countries after the fields it always had.</summary>
public sealed class ScoreSectionsTests
{
    [Fact]
    public async Task Each_line_gains_topics_primary_first_and_countries_most_central_first_after_id_score_and_factors()
    {
        using var dir = new TempDir();
        var input = dir.File("items.jsonl");
        File.WriteAllLines(input,
        [
            """{"id":"a","title":"Ukrainian forces retake villages near Kharkiv as Russian troops withdraw","source":"Reuters"}""",
            """{"id":"b","title":"Striker scores twice as Liverpool win the league title","source":"BBC News"}""",
            """{"id":"c","title":"City council approves new bus timetable","source":"nytimes.com"}""",
        ]);

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["score", "--input", input], dir);

        Assert.True(exit == 0, stderr);
        var rows = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(rows, r => Assert.Equal(["id", "score", "factors", "topics", "countries"], r.EnumerateObject().Select(p => p.Name)));
        string[] Field(JsonElement r, string name) => r.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToArray();
        Assert.Equal("conflict", Field(rows[0], "topics")[0]);
        Assert.Equal(["UA", "RU"], Field(rows[0], "countries"));
        Assert.Equal("sports", Field(rows[1], "topics")[0]);
        Assert.Equal(["GB"], Field(rows[1], "countries"));
        Assert.Equal(["US"], Field(rows[2], "countries"));
    }
}
