using Salient.Significance;
using Salient.Sources;
using Salient.Tests.Support;

namespace Salient.Tests.Significance;

public class ScoreCombinationTests
{
    private static readonly double[] NoCoverage = new double[CoverageFeatures.Count];

    [Fact]
    public void The_fit_recovers_non_negative_weights_and_never_gives_a_negative_one()
    {
        var rng = new Random(3);
        var factors = new List<double[]>();
        var coverage = new List<double[]>();
        var holistic = new List<double>();
        for (var i = 0; i < 400; i++)
        {
            var f = Enumerable.Range(0, Factors.Count).Select(_ => rng.NextDouble() * 10).ToArray();
            var c = new double[CoverageFeatures.Count];
            c[0] = rng.Next(0, 5);
            factors.Add(f);
            coverage.Add(c);
            // The truth: impact and legacy matter, positivity pulls the other way (the fit must not follow it below 0).
            holistic.Add(0.5 + 0.4 * f[1] + 0.3 * f[4] - 0.1 * f[5] + 0.25 * c[0] + (rng.NextDouble() - 0.5) * 0.2);
        }
        var fit = ScoreCombination.Fit(factors, coverage, holistic);
        Assert.All(fit.FactorWeights, w => Assert.True(w >= 0));
        Assert.All(fit.CoverageWeights, w => Assert.True(w >= 0));
        Assert.InRange(fit.FactorWeights[1], 0.35, 0.45);
        Assert.InRange(fit.FactorWeights[4], 0.25, 0.35);
        Assert.Equal(0, fit.FactorWeights[5]);
        Assert.InRange(fit.CoverageWeights[0], 0.2, 0.3);
    }

    [Fact]
    public void A_larger_factor_or_wider_coverage_never_lowers_the_raw_score()
    {
        var fit = new ScoreCombination { Intercept = -1, FactorWeights = [0.2, 0.3, 0.1, 0.2, 0.2, 0, 0.05], CoverageWeights = [0.3, 0.1, 0.1, 0, 0] };
        double[] f = [3, 3, 3, 3, 3, 5, 5];
        var baseline = fit.Raw(f, NoCoverage);
        for (var i = 0; i < Factors.Count; i++)
        {
            var more = (double[])f.Clone();
            more[i] += 2;
            Assert.True(fit.Raw(more, NoCoverage) >= baseline);
        }
        var wide = CoverageFeatures.Of(new Coverage(12, 4, 0, 20) { Countries = 5 });
        Assert.True(fit.Raw(f, wide) > baseline);
        Assert.True(fit.CoverageEffect(wide) > 0);
    }

    [Fact]
    public void One_outlet_is_thinner_coverage_on_a_day_of_a_thousand_outlets_than_in_the_reference_stream()
    {
        var stream = CoverageFeatures.Of(Coverage.Single(OutletRegistry.Middle) with { DayOutlets = 80 });
        var fullDay = CoverageFeatures.Of(Coverage.Single(OutletRegistry.Middle) with { DayOutlets = 1000 });
        var unknown = CoverageFeatures.Of(Coverage.Unknown(OutletRegistry.Middle));
        Assert.Equal(0, stream[0]);
        Assert.True(fullDay[0] < -3);
        Assert.Equal(new double[CoverageFeatures.Count], unknown);
        // The same share of the day's outlets is the same breadth.
        var share = CoverageFeatures.Of(new Coverage(50, 10, 0, 50) { DayOutlets = 1000 });
        var sameShare = CoverageFeatures.Of(new Coverage(4, 1, 0, 4) { DayOutlets = 80 });
        Assert.InRange(share[0] - sameShare[0], -0.01, 0.01);
    }

    [Fact]
    public void The_map_matches_the_reference_quantiles_to_the_target_distribution_and_keeps_the_order()
    {
        var raw = Enumerable.Range(0, 1000).Select(i => i / 100.0).ToList();
        // Target: 1,000 scores from 0 to 9.99, the top 3% at 7 and above.
        var target = Enumerable.Range(0, 1000).Select(i => (i / 100.0 * 0.7 + (i >= 970 ? 1.2 : 0), 1.0)).ToList();
        var map = ScoreMap.FitToDistribution(raw, target, "test");
        var mapped = raw.Select(map.Apply).ToList();
        for (var i = 1; i < mapped.Count; i++)
        {
            Assert.True(mapped[i] >= mapped[i - 1]);
        }
        Assert.InRange(mapped.Count(s => s >= 7), 25, 40);
    }

    [Fact]
    public void The_shown_factors_average_with_the_learned_weights_to_the_score_less_what_coverage_added()
    {
        var combination = new ScoreCombination { Intercept = -0.5, FactorWeights = [0.2, 0.3, 0.1, 0.2, 0.2, 0, 0.05], CoverageWeights = [0.3, 0, 0, 0, 0] };
        var map = new ScoreMap { Raw = [0, 2, 4, 6], Calibrated = [0.5, 2, 5.5, 9] };
        var raw = new Factors(3, 3, 3, 3, 3, 5, 5);
        var coverage = CoverageFeatures.Of(new Coverage(4, 1, 0, 4));
        var score = map.Apply(combination.Raw(raw.ToArray(), coverage));
        var content = map.Apply(combination.Raw(raw.ToArray(), coverage) - combination.CoverageEffect(coverage));
        var shown = ScoreMap.StretchToWeightedMean(raw, combination, content);
        Assert.InRange(combination.WeightedMean(shown.ToArray()), content - 0.1, content + 0.1);
        Assert.True(score > content);
        Assert.True(shown.Impact > raw.Impact);
        Assert.Equal(raw.Positivity, shown.Positivity);
    }

    [Fact]
    public void Story_definitions_give_each_story_its_coverage_and_a_broken_line_names_the_file_and_line()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File(StoryDefinition.FileName),
        [
            """{"story": "s-a1", "representative": "a1", "articles": ["a1", "a2", "a3"], "first_seen": "2022-01-01T00:00:00Z", "outlets": [{"name": "wire.example", "tier": 1, "country": "GB"}, {"name": "paper.example", "tier": 2, "country": "US"}], "article_count": 3, "growth": {"1h": 2, "6h": 3, "24h": 3}, "span_hours": 5.5, "day_outlets": 70, "stratum": "stream-2", "weight": 2.5}""",
        ]);
        var stories = StoryDefinition.Read(dir.File(StoryDefinition.FileName));
        var s = stories["s-a1"];
        Assert.Equal(2, s.Coverage.Outlets);
        Assert.Equal(1, s.Coverage.TopTier);
        Assert.Equal(2, s.Coverage.Countries);
        Assert.Equal(3, s.Coverage.EarlyArticles);
        Assert.Equal(70, s.Coverage.DayOutlets);
        Assert.Equal(7.5, s.StreamWeight);

        File.AppendAllLines(dir.File(StoryDefinition.FileName), ["""{"story": "s-b1", "articles": "not a list"}"""]);
        var e = Assert.Throws<SalientException>(() => StoryDefinition.Read(dir.File(StoryDefinition.FileName)));
        Assert.Contains($"{StoryDefinition.FileName}:2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_with_a_combination_scores_wider_coverage_higher_and_explains_by_how_much()
    {
        var model = TestModels.Linear();
        model.File.Combination = new ScoreCombination { Intercept = 0, FactorWeights = [0.2, 0.2, 0.1, 0.2, 0.2, 0, 0.1], CoverageWeights = [0.4, 0.1, 0.2, 0, 0] };
        model.File.ScoreMap = new ScoreMap { Raw = [0, 3, 6, 9], Calibrated = [0.5, 3, 6, 9] };
        model = new StudentModel(model.File);
        var scorer = TestModels.Scorer(model);
        var v = TestModels.Vector(0.3);
        var alone = scorer.Score(v, Coverage.Single(OutletRegistry.Middle));
        var wide = scorer.Score(v, new Coverage(16, 6, 0, 30) { Countries = 6 });
        var thin = scorer.Score(v, Coverage.Single(OutletRegistry.Middle) with { DayOutlets = 1000 });
        Assert.True(wide.Score > alone.Score + 1);
        Assert.True(thin.Score < alone.Score);
        Assert.Contains("for wide coverage", wide.Reason, StringComparison.Ordinal);
        Assert.Contains("for thin coverage", thin.Reason, StringComparison.Ordinal);
        Assert.Contains("Reported by 16 outlets, 6 of them top-tier, in 6 countries", wide.Reason, StringComparison.Ordinal);
    }
}
