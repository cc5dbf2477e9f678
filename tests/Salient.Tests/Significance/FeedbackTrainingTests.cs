using Salient.Significance;
using Salient.Tests.Support;

namespace Salient.Tests.Significance;

public sealed class FeedbackTrainingTests
{
    private const int Scale = 0, Impact = 1, Novelty = 2, Legacy = 4;

    /// <summary>
    /// Seed stories labelled by a rubric in which scale, impact and novelty make a story significant; the lasting
    /// weight of a story (legacy) is low in every seed, so the seeds cannot say what it is worth.
    /// </summary>
    private static (List<double[]> Factors, List<double> Holistic, List<(double[], Coverage)> Reference) Seeds(int seed)
    {
        var rng = new Random(seed);
        double[] Story() => [rng.NextDouble() * 10, rng.NextDouble() * 10, rng.NextDouble() * 10, rng.NextDouble() * 10, rng.NextDouble() * 2, rng.NextDouble() * 10, rng.NextDouble() * 10];
        var factors = Enumerable.Range(0, 600).Select(_ => Story()).ToList();
        var holistic = factors.Select(f => Math.Clamp(0.3 * f[Scale] + 0.3 * f[Impact] + 0.15 * f[Novelty] - 0.5 + (rng.NextDouble() - 0.5), 0, 10)).ToList();
        var reference = Enumerable.Range(0, 2000).Select(_ => (Story(), Coverage.Unknown(2))).ToList();
        return (factors, holistic, reference);
    }

    private static StudentTrainer.Calibrated Fit(List<double[]> factors, List<double> holistic, List<(double[], Coverage)> reference, IReadOnlyList<StudentTrainer.ExtraExample>? extra) =>
        new StudentTrainer(5, new ScoreFormula(new SignificanceOptions().Weights)).CombineAndCalibrate(
            factors.Select((_, i) => $"seed-{i}").ToList(), factors, factors.Select(_ => Coverage.Unknown(2)).ToList(), holistic,
            holistic.Select(_ => 1.0).ToList(), reference, "reference", extra);

    private static double ScoreOf(StudentTrainer.Calibrated c, double[] f) => StudentModel.Combine(c.Result.Combination, c.Map, f, Coverage.Unknown(2)).Score;

    private static List<StudentTrainer.ExtraExample> Feedback(StudentTrainer.Calibrated before, IEnumerable<double[]> stories, string verdict, bool admin)
    {
        var verdicts = stories.Select((f, i) => (Id: $"feedback-{verdict}-{i}", Verdict: verdict, Admin: admin, Shown: ScoreOf(before, f), Title: "t", Text: (string?)null, Source: (string?)null, Outlets: (IReadOnlyList<string>)[])).ToList();
        var targets = FeedbackLabels.Targets(verdicts);
        return targets.Select((t, i) => new StudentTrainer.ExtraExample(stories.ElementAt(i), Coverage.Unknown(2), t.Target, FeedbackTraining.DefaultWeight * Math.Min(t.Votes, FeedbackTraining.MaxVotes))).ToList();
    }

    [Fact]
    public void Refitting_the_combination_with_feedback_that_stories_of_lasting_weight_should_rank_higher_raises_them_and_leaves_the_labelled_stories_within_three_tenths()
    {
        var (factors, holistic, reference) = Seeds(11);
        var before = Fit(factors, holistic, reference, null);
        Assert.Equal(0, before.Result.Combination.FactorWeights[Legacy]);
        var rng = new Random(5);
        var lasting = Enumerable.Range(0, 12).Select(_ => new[] { 3 + rng.NextDouble() * 2, 3 + rng.NextDouble() * 2, 4, 4, 8 + rng.NextDouble(), 5, 6 }).ToList();

        var after = Fit(factors, holistic, reference, Feedback(before, lasting, "higher", admin: true));

        Assert.True(after.Result.Combination.FactorWeights[Legacy] > 0, $"legacy weight stayed {after.Result.Combination.FactorWeights[Legacy]}");
        var moved = lasting.Select(f => ScoreOf(after, f) - ScoreOf(before, f)).ToList();
        Assert.All(moved, m => Assert.True(m > 0, $"a story the admin said should rank higher moved by {m:0.00}"));
        var others = factors.Select(f => Math.Abs(ScoreOf(after, f) - ScoreOf(before, f))).Order().ToList();
        Assert.True(others[(int)(0.95 * (others.Count - 1))] <= 0.3, $"labelled stories moved by {others[(int)(0.95 * (others.Count - 1))]:0.00} at the 95th percentile");
        // The seeds still rank as they did: their cross-validated agreement with their labels holds.
        Assert.InRange(after.Result.Spearman, before.Result.Spearman - 0.02, 1);
    }

    [Fact]
    public void Refitting_the_combination_with_feedback_that_novel_but_small_stories_are_overrated_lowers_them()
    {
        var (factors, holistic, reference) = Seeds(12);
        var before = Fit(factors, holistic, reference, null);
        var rng = new Random(6);
        var novelSmall = Enumerable.Range(0, 15).Select(_ => new[] { 1 + rng.NextDouble(), 1 + rng.NextDouble(), 9.5, 2, 1, 5, 6 }).ToList();

        var after = Fit(factors, holistic, reference, Feedback(before, novelSmall, "lower", admin: true));

        Assert.True(after.Result.Combination.FactorWeights[Novelty] < before.Result.Combination.FactorWeights[Novelty]);
        Assert.All(novelSmall, f => Assert.True(ScoreOf(after, f) < ScoreOf(before, f), "a story said to rank lower did not move down"));
        var others = factors.Select(f => Math.Abs(ScoreOf(after, f) - ScoreOf(before, f))).Order().ToList();
        Assert.True(others[others.Count / 2] <= 0.3, $"half the labelled stories moved by more than {others[others.Count / 2]:0.00}");
    }

    [Fact]
    public void The_feedback_memory_brings_the_judged_stories_to_their_targets_moves_close_ones_less_and_leaves_the_rest_untouched()
    {
        var file = TestModels.Linear().File;
        file.FormatVersion = 2;
        file.Combination = new ScoreCombination { Intercept = 0, FactorWeights = [0.25, 0.25, 0.25, 0.25, 0, 0, 0], CoverageWeights = new double[CoverageFeatures.Count] };
        var formula = new ScoreFormula(new SignificanceOptions().Weights);
        var before = new StudentModel(file);
        var coverage = Coverage.Single(2);
        var underrated = TestModels.Vector(0.3, seed: 5);
        var overrated = TestModels.Vector(0.3, seed: 9);
        var shownUnder = before.Score(underrated, coverage, formula).Score;
        var shownOver = before.Score(overrated, coverage, formula).Score;
        var targets = FeedbackLabels.Targets([
            ("feedback-1", "higher", true, shownUnder, "t", null, null, []),
            ("feedback-2", "lower", false, shownOver, "t", null, null, []),
        ]);
        var fed = targets.Select((t, i) => new FeedbackTraining.Fed(t, [], coverage, new StudentTrainer.ExtraExample([], coverage, t.Target, 1))).ToList();
        file.Feedback = FeedbackTraining.Memory(fed, [underrated, overrated], before, formula);
        var after = new StudentModel(file);

        var raised = after.Score(underrated, coverage, formula);
        Assert.Equal(shownUnder + FeedbackLabels.Step, raised.Score, 1);
        Assert.Equal(shownOver - FeedbackLabels.Step, after.Score(overrated, coverage, formula).Score, 1);
        Assert.Equal(FeedbackLabels.Step, raised.FeedbackEffect, 1);
        Assert.Contains("+1.5 from feedback on similar stories", ReasonWriter.Write(raised.Score, raised.Factors, coverage, raised.CoverageEffect, raised.FeedbackEffect), StringComparison.Ordinal);
        // The shown factors still average (with the learned weights) to the score less what coverage added.
        Assert.Equal(raised.Score - raised.CoverageEffect, file.Combination.WeightedMean(raised.Factors.ToArray()), 1);

        // A story close to the underrated one (cosine 0.92) moves the same way, less far.
        var close = new float[underrated.Length];
        for (var i = 0; i < close.Length; i++)
        {
            close[i] = (0.92f * underrated[i]) + (0.39191836f * TestModels.Vector(0.0, seed: 77)[i]);
        }
        var closeMoved = after.Score(close, coverage, formula).Score - before.Score(close, coverage, formula).Score;
        Assert.InRange(closeMoved, 0.2, FeedbackLabels.Step - 0.2);

        // Stories like neither are exactly where they were.
        for (var seed = 10; seed < 210; seed++)
        {
            var other = TestModels.Vector((seed % 10) / 10.0, seed);
            Assert.Equal(before.Score(other, coverage, formula).Score, after.Score(other, coverage, formula).Score);
        }
    }

    [Fact]
    public void Feedback_saying_about_right_holds_a_story_where_it_is_and_mixed_verdicts_move_it_less_than_a_unanimous_one()
    {
        (string, string, bool, double, string, string?, string?, IReadOnlyList<string>) V(string id, string verdict, bool admin = false) => (id, verdict, admin, 5.0, "t", null, null, []);
        var targets = FeedbackLabels.Targets([V("a", "right"), V("b", "higher"), V("b", "higher"), V("c", "higher"), V("c", "lower"), V("c", "higher"), V("d", "lower", admin: true), V("d", "higher")]);
        var byId = targets.ToDictionary(t => t.Id);
        Assert.Equal(5.0, byId["a"].Target);
        Assert.Equal(5.0 + FeedbackLabels.Step, byId["b"].Target);
        Assert.Equal(5.0 + (FeedbackLabels.Step / 3), byId["c"].Target, 3);
        // The admin's "lower" outweighs one reader's "higher".
        Assert.True(byId["d"].Target < 5.0);
        Assert.Equal(4, byId["d"].Votes);
    }

    [Theory]
    [InlineData("not json", "not a feedback line")]
    [InlineData("""{"id":"feedback-1","verdict":"upwards","shown":4,"title":"t"}""", "not a verdict")]
    [InlineData("""{"id":"feedback-1","verdict":"higher","shown":11,"title":"t"}""", "'shown' score within 0–10")]
    [InlineData("""{"id":"feedback-1","verdict":"higher","shown":"4","title":"t"}""", "'shown' score within 0–10")]
    [InlineData("""{"id":"feedback-1","verdict":"higher","shown":4}""", "no title")]
    [InlineData("""{"verdict":"higher","shown":4,"title":"t"}""", "no id")]
    public void A_feedback_file_with_a_bad_line_is_refused_naming_the_line(string bad, string reason)
    {
        using var dir = new TempDir();
        var path = dir.File("feedback.jsonl");
        File.WriteAllLines(path, ["""{"id":"feedback-7","verdict":"higher","by":"admin","shown":3.5,"title":"Dam bursts","outlets":["AP"]}""", bad]);
        var e = Assert.Throws<Salient.Cli.UsageException>(() => FeedbackLabels.Read(path));
        Assert.Contains("feedback.jsonl:2", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<Salient.Cli.UsageException>(() => FeedbackLabels.Read(dir.File("absent.jsonl")));
        Assert.Contains("salient feedback export", missing.Message, StringComparison.Ordinal);
    }
}
