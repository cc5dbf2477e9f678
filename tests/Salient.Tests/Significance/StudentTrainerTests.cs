using Salient.Embeddings;
using Salient.Significance;
using Salient.Sources;
using Salient.Tests.Support;

namespace Salient.Tests.Significance;

public sealed class StudentTrainerTests
{
    /// <summary>Random unit vectors, and factors that are a known linear function of them plus noise.</summary>
    private static List<TrainingExample> Synthetic(int n, int seed)
    {
        var rng = new Random(seed);
        var list = new List<TrainingExample>();
        for (var i = 0; i < n; i++)
        {
            var v = new float[TextEmbedder.Dimensions];
            double norm = 0;
            for (var j = 0; j < v.Length; j++)
            {
                v[j] = (float)(rng.NextDouble() * 2 - 1);
                norm += v[j] * v[j];
            }
            for (var j = 0; j < v.Length; j++)
            {
                v[j] /= (float)Math.Sqrt(norm);
            }
            var tier = 1 + i % 3;
            var targets = new double[Factors.Count];
            for (var f = 0; f < Factors.Count; f++)
            {
                targets[f] = Math.Clamp(5 + 40 * v[f] + (tier == 3 && f == 6 ? -2 : 0) + (rng.NextDouble() - 0.5) * 0.5, 0, 10);
            }
            list.Add(new TrainingExample($"id{i}", v, Coverage.Single(tier), targets));
        }
        return list;
    }

    [Fact]
    public void Learns_factors_that_follow_the_embedding_and_reports_cross_validated_error()
    {
        var result = new StudentTrainer(3, ScoreFormula.Default).Train(Synthetic(300, 7));

        foreach (var name in Factors.Names)
        {
            Assert.True(result.CrossValidation.Mae[name] < 1.5, $"{name}: MAE {result.CrossValidation.Mae[name]}");
            Assert.True(result.CrossValidation.Spearman[name] > 0.5, $"{name}: Spearman {result.CrossValidation.Spearman[name]}");
        }
        Assert.Equal(3, result.CrossValidation.Folds);
        Assert.True(result.CrossValidation.ScoreMae > 0);
    }

    [Fact]
    public void Low_tier_outlets_lower_credibility_when_the_labels_say_so()
    {
        var model = new StudentTrainer(5, ScoreFormula.Default).Train(Synthetic(300, 3)).Model;
        var v = TestModels.Vector(0.0);
        Assert.True(model.Predict(v, Coverage.Single(OutletRegistry.Low)).Credibility < model.Predict(v, Coverage.Single(OutletRegistry.Top)).Credibility);
    }

    [Fact]
    public void Training_is_deterministic_and_the_saved_model_predicts_the_same_after_loading()
    {
        var data = Synthetic(120, 11);
        var a = new StudentTrainer(3, ScoreFormula.Default).Train(data).Model;
        var b = new StudentTrainer(3, ScoreFormula.Default).Train(data.AsEnumerable().Reverse().ToList()).Model;
        using var dir = new TempDir();
        a.Save(dir.File("student.json"));
        var loaded = StudentModel.Load(dir.File("student.json"));

        foreach (var e in data.Take(20))
        {
            var expected = a.Predict(e.Embedding, e.Coverage);
            Assert.Equal(expected, b.Predict(e.Embedding, e.Coverage));
            Assert.Equal(expected, loaded.Predict(e.Embedding, e.Coverage));
        }
    }

    [Fact]
    public void Too_few_labels_are_refused()
    {
        Assert.Throws<SalientException>(() => new StudentTrainer(5, ScoreFormula.Default).Train(Synthetic(10, 1)));
    }

    [Fact]
    public void Missing_or_corrupt_model_file_is_reported_with_what_to_do()
    {
        using var dir = new TempDir();
        var missing = Assert.Throws<SalientException>(() => StudentModel.Load(dir.File("none.json")));
        Assert.Contains("salient train", missing.Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("bad.json"), "{\"factors\": ");
        Assert.Throws<SalientException>(() => StudentModel.Load(dir.File("bad.json")));
        File.WriteAllText(dir.File("short.json"), "{\"factors\": {\"scale\": {\"weights\": [1, 2]}}}");
        Assert.Throws<SalientException>(() => StudentModel.Load(dir.File("short.json")));
    }

    [Fact]
    public void More_outlets_raise_credibility_and_scale_through_the_coverage_prior()
    {
        var model = TestModels.Linear();
        var v = TestModels.Vector(0.3);
        var one = model.Predict(v, Coverage.Single(OutletRegistry.Top));
        var many = model.Predict(v, new Coverage(16, 10, 0, 40));
        Assert.True(many.Credibility > one.Credibility + 2);
        Assert.True(many.Scale > one.Scale);
    }

    [Fact]
    public void Shipped_model_loads_and_scores_within_range()
    {
        var path = StudentModel.DefaultPath();
        Assert.True(File.Exists(path), $"the shipped student model is missing at {path}");
        var model = StudentModel.Load(path);
        var f = model.Predict(TestModels.Vector(0.2), Coverage.Single(OutletRegistry.Middle));
        foreach (var x in f.ToArray())
        {
            Assert.InRange(x, 0, 10);
        }
    }

    [Fact]
    public void The_shipped_model_learned_its_score_from_story_labels_and_never_lets_a_factor_or_wider_coverage_lower_it()
    {
        var model = StudentModel.Load(StudentModel.DefaultPath());
        Assert.Equal("2", model.File.Rubric);
        Assert.True(model.HasCombination);
        var combination = model.File.Combination!;
        Assert.All(combination.FactorWeights, w => Assert.True(w >= 0));
        Assert.All(combination.CoverageWeights, w => Assert.True(w >= 0));
        Assert.False(model.File.ScoreMap.IsEmpty);
        var formula = new ScoreFormula(new SignificanceOptions().Weights);
        var v = TestModels.Vector(0.2);
        var alone = model.Score(v, Coverage.Single(OutletRegistry.Middle), formula);
        var wide = model.Score(v, new Coverage(20, 8, 0, 30) { Countries = 6, DayOutlets = 80 }, formula);
        Assert.True(wide.Score > alone.Score);
    }
}
