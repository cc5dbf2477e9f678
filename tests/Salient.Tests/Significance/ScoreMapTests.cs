using Salient.Significance;

namespace Salient.Tests.Significance;

public sealed class ScoreMapTests
{
    private static ScoreMap Map() => ScoreMap.Fit(Enumerable.Range(0, 1000).Select(i => 1 + 3.0 * i / 999).ToList(), "test");

    [Fact]
    public void Map_is_monotone_and_puts_the_reference_stream_on_the_rubric_scale()
    {
        var map = Map();
        var previous = 0.0;
        for (var raw = 0.5; raw <= 6; raw += 0.05)
        {
            var y = map.Apply(raw);
            Assert.True(y >= previous, $"not monotone at {raw}");
            previous = y;
        }
        Assert.Equal(3.0, map.Apply(2.5), 2); // the median of the reference stream
        Assert.InRange(map.Apply(4.0), 8, 8.5); // its top
        Assert.Equal(10, map.Apply(100));
        Assert.Equal(ScoreFormula.Floor, map.Apply(-5));
    }

    [Fact]
    public void Stretched_factors_still_combine_into_the_calibrated_score()
    {
        var map = Map();
        var raw = new Factors(4, 3, 3, 3.5, 3, 5, 6);
        var stretched = map.Stretch(raw, ScoreFormula.Default);
        var expected = map.Apply(ScoreFormula.Default.Score(raw));
        Assert.Equal(expected, ScoreFormula.Default.Score(stretched), 1);
        Assert.Equal(raw.Positivity, stretched.Positivity);
        Assert.Equal(raw.Credibility, stretched.Credibility);
        Assert.True(stretched.Scale > raw.Scale);
    }

    [Fact]
    public void Reference_stream_too_small_is_refused()
    {
        Assert.Throws<SalientException>(() => ScoreMap.Fit([1, 2, 3], "tiny"));
    }

    [Fact]
    public void Empty_map_leaves_scores_alone()
    {
        var raw = new Factors(4, 3, 3, 3.5, 3, 5, 6);
        Assert.Equal(raw, new ScoreMap().Stretch(raw, ScoreFormula.Default));
    }
}
