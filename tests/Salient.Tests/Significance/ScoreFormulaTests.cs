using Salient.Significance;

namespace Salient.Tests.Significance;

public sealed class ScoreFormulaTests
{
    [Fact]
    public void Equal_factors_score_their_common_value()
    {
        Assert.Equal(5.0, ScoreFormula.Default.Score(new Factors(5, 5, 5, 5, 5, 5, 5)), 9);
        Assert.Equal(10.0, ScoreFormula.Default.Score(new Factors(10, 10, 10, 10, 10, 10, 10)), 9);
    }

    [Fact]
    public void Score_is_the_weighted_geometric_mean_of_the_rubric()
    {
        var f = new Factors(8, 6, 4, 7, 5, 3, 9);
        double[] w = [1.0, 1.0, 0.6, 0.9, 0.9, 0.2, 0.4];
        var expected = Math.Exp(w.Select((wi, i) => wi * Math.Log(f[i])).Sum() / w.Sum());
        Assert.Equal(expected, ScoreFormula.Default.Score(f), 9);
    }

    [Fact]
    public void A_zero_factor_is_floored_at_one_half_and_does_not_erase_the_score()
    {
        var withZero = ScoreFormula.Default.Score(new Factors(8, 8, 8, 8, 8, 0, 8));
        var withHalf = ScoreFormula.Default.Score(new Factors(8, 8, 8, 8, 8, 0.5, 8));
        Assert.Equal(withHalf, withZero, 9);
        Assert.True(withZero > 5);
    }

    [Fact]
    public void Huge_scale_with_trivial_impact_does_not_make_news()
    {
        Assert.True(ScoreFormula.Default.Score(new Factors(8, 1, 2, 1, 1, 5, 8)) < 3);
    }

    [Fact]
    public void Weights_come_from_configuration()
    {
        var onlyScale = new ScoreFormula(new FactorWeights { Scale = 1, Impact = 0, Novelty = 0, Potential = 0, Legacy = 0, Positivity = 0, Credibility = 0 });
        Assert.Equal(7.0, onlyScale.Score(new Factors(7, 1, 1, 1, 1, 1, 1)), 9);
    }

    [Fact]
    public void Negative_weights_are_refused_with_the_setting_named()
    {
        var e = Assert.Throws<SalientException>(() => new ScoreFormula(new FactorWeights { Impact = -1 }));
        Assert.Contains("Significance:Weights", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-3)]
    [InlineData(42)]
    public void Out_of_range_factors_are_clamped_not_propagated(double bad)
    {
        var s = ScoreFormula.Default.Score(new Factors(bad, 5, 5, 5, 5, 5, 5));
        Assert.InRange(s, 0.5, 10);
    }
}
