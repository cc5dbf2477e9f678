using Salient.Cli;
using Salient.Significance;
using Salient.Sources;
using Salient.Tests.Support;

namespace Salient.Tests.Significance;

public sealed class LabelFilesTests
{
    [Fact]
    public void Batch_items_keep_their_ids_and_tolerate_missing_fields()
    {
        var input = """
            {"id": "a1", "title": "Quake hits city", "text": "", "source": "Reuters", "published": "2024-01-01", "outlets": ["AP", {"name": "BBC News"}]}

            {"id": 7, "title": "Local team wins"}
            {"title": "no id"}
            """;
        var items = LabelFiles.ReadItems(new StringReader(input)).ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("a1", items[0].IdText);
        Assert.Equal(["AP", "BBC News"], items[0].Outlets);
        Assert.Equal("7", items[1].IdText);
        Assert.Null(items[1].Source);
        Assert.Equal("null", items[2].IdText);
    }

    [Fact]
    public void A_byte_order_mark_before_the_first_line_is_skipped()
    {
        var items = LabelFiles.ReadItems(new StringReader("\uFEFF{\"id\": \"a\", \"title\": \"Flood in Oslo\"}")).ToList();
        Assert.Equal("Flood in Oslo", Assert.Single(items).Title);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Broken_input_line_is_reported_with_its_number(string bad)
    {
        var e = Assert.Throws<UsageException>(() => LabelFiles.ReadItems(new StringReader("{\"id\": 1, \"title\": \"x\"}\n" + bad), "stories.jsonl").ToList());
        Assert.Contains("stories.jsonl line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_counts_distinct_outlets_with_their_tiers()
    {
        var tiers = new OutletRegistry([new("Wire", "https://wire.example", 1), new("Tabloid", "https://tab.example", 3)]);
        var c = LabelFiles.CoverageOf("Wire", ["wire", "Tabloid", "Unknown", " "], tiers);
        Assert.Equal(3, c.Outlets);
        Assert.Equal(1, c.TopTier);
        Assert.Equal(1, c.LowTier);
        Assert.True(c.Known);
    }

    [Fact]
    public void An_item_without_outlets_has_unknown_coverage_not_one_outlet()
    {
        var tiers = new OutletRegistry([new("Wire", "https://wire.example", 1)]);
        Assert.Equal(Coverage.Unknown(OutletRegistry.Middle), LabelFiles.CoverageOf(null, [], tiers));
        var own = LabelFiles.CoverageOf("Wire", [], tiers);
        Assert.False(own.Known);
        Assert.Equal(1, own.TopTier);
        Assert.Equal(new double[CoverageFeatures.Count], CoverageFeatures.Of(own));
    }

    [Fact]
    public void A_holistic_score_outside_0_to_10_is_skipped_with_a_warning_naming_the_line()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File("v2.jsonl"),
        [
            """{"id": "s-1", "rubric": "2", "scale": 3, "impact": 2, "novelty": 2, "potential": 2, "legacy": 1, "positivity": 5, "credibility": 6, "score": 2.5, "labeler": "d"}""",
            """{"id": "s-2", "rubric": "2", "scale": 3, "impact": 2, "novelty": 2, "potential": 2, "legacy": 1, "positivity": 5, "credibility": 6, "score": 11, "labeler": "d"}""",
            """{"id": "s-3", "rubric": "2", "scale": 3, "impact": 2, "novelty": 2, "potential": 2, "legacy": 1, "positivity": 5, "credibility": 6, "score": "high", "labeler": "d"}""",
        ]);
        var warnings = new List<string>();
        var labels = LabelFiles.ReadLabels([dir.File("v2.jsonl")], warnings.Add);
        var only = Assert.Single(labels);
        Assert.Equal(2.5, only.Holistic);
        Assert.Equal(2, warnings.Count);
        Assert.Contains("v2.jsonl:2", warnings[0], StringComparison.Ordinal);
        Assert.Contains("'score'", warnings[0], StringComparison.Ordinal);
        Assert.Contains("v2.jsonl:3", warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_out_of_range_or_incomplete_are_skipped_with_a_warning()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File("l.jsonl"),
        [
            """{"id": "x1", "rubric": "1", "scale": 3, "impact": 2, "novelty": 2, "potential": 2, "legacy": 1, "positivity": 5, "credibility": 6, "labeler": "a"}""",
            """{"id": "x2", "rubric": "1", "scale": 12, "impact": 2, "novelty": 2, "potential": 2, "legacy": 1, "positivity": 5, "credibility": 6}""",
            """{"id": "x3", "scale": 3}""",
            "garbage",
        ]);
        var warnings = new List<string>();
        var labels = LabelFiles.ReadLabels([dir.File("l.jsonl")], warnings.Add);
        Assert.Equal("x1", Assert.Single(labels).Id);
        Assert.Equal(3, warnings.Count);
        Assert.Contains(":2:", warnings[0], StringComparison.Ordinal);
    }
}
