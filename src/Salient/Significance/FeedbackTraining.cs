using System.Globalization;
using Salient.Sources;

namespace Salient.Significance;

/// <summary>
/// Feedback in training, in two steps. First each story with feedback joins the fit of the combination (and so of
/// the score map) as an extra example whose target is the score it should have had, weighed as
/// <see cref="DefaultWeight"/> seed label per reader's vote (at most <see cref="MaxVotes"/> votes' worth per
/// story); the factor regressors are not refitted from feedback (a verdict says nothing about which factor was
/// wrong), and the seed labels stay in every fit, so the weights move only as far as the seed labels allow. Then
/// what the refitted model still misses on each of those stories goes into the model's
/// <see cref="FeedbackMemory"/>, which corrects those stories and ones like them, and nothing else.
/// </summary>
internal static class FeedbackTraining
{
    public const double DefaultWeight = 1;

    /// <summary>Most votes' worth one story's feedback counts as.</summary>
    public const double MaxVotes = 3;

    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    public sealed record Fed(FeedbackTarget Target, double[] Factors, Coverage Coverage, StudentTrainer.ExtraExample Example);

    /// <summary>The extra examples: the student's factors for each story (from its title and lead) and its coverage by the outlets named.</summary>
    public static List<Fed> Examples(IReadOnlyList<FeedbackTarget> targets, StudentModel model, IReadOnlyList<float[]> vectors, double weight)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vectors);
        var tiers = OutletRegistry.Default;
        return targets.Select((t, i) =>
        {
            var coverage = LabelFiles.CoverageOf(t.Source, t.Outlets, tiers);
            var factors = model.Predict(vectors[i], coverage).ToArray();
            return new Fed(t, factors, coverage, new StudentTrainer.ExtraExample(factors, coverage, t.Target, weight * Math.Min(t.Votes, MaxVotes)));
        }).ToList();
    }

    /// <summary>A model with the given combination, score map and feedback memory (the file given is not changed).</summary>
    public static StudentModel With(StudentModelFile file, StudentTrainer.Calibrated calibrated, FeedbackMemory? memory)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(calibrated);
        var copy = System.Text.Json.JsonSerializer.Deserialize<StudentModelFile>(System.Text.Json.JsonSerializer.Serialize(file, StudentModelFile.Json), StudentModelFile.Json)!;
        copy.Combination = calibrated.Result.Combination;
        copy.ScoreMap = calibrated.Map;
        copy.Feedback = memory;
        return new StudentModel(copy);
    }

    /// <summary>The memory: each feedback story's embedding and how far the refitted model (<paramref name="refitted"/>) still is from its target.</summary>
    public static FeedbackMemory Memory(IReadOnlyList<Fed> fed, IReadOnlyList<float[]> vectors, StudentModel refitted, ScoreFormula formula)
    {
        ArgumentNullException.ThrowIfNull(fed);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(refitted);
        return new FeedbackMemory
        {
            Points = fed.Select((f, i) => FeedbackPoint.Of(f.Target.Id, vectors[i], f.Target.Target - refitted.Score(vectors[i], f.Coverage, formula).Score, Math.Min(f.Target.Votes, MaxVotes))).ToList(),
        };
    }

    /// <summary>How the feedback moved its own stories, and how far it moved the labelled stories it did not speak about.</summary>
    public static void Print(IReadOnlyList<Fed> fed, IReadOnlyList<float[]> vectors, StudentModel before, StudentModel after, ScoreFormula formula, IReadOnlyList<(float[] Vector, Coverage Coverage)> seeds)
    {
        ArgumentNullException.ThrowIfNull(fed);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(seeds);
        double Moved(float[] v, Coverage c) => after.Score(v, c, formula).Score - before.Score(v, c, formula).Score;
        Console.WriteLine();
        Console.WriteLine(string.Create(Ic, $"feedback on {fed.Count} stories ({fed.Count(f => f.Target.Target > f.Target.Shown)} higher, {fed.Count(f => f.Target.Target < f.Target.Shown)} lower, {fed.Count(f => f.Target.Target == f.Target.Shown)} about right):"));
        foreach (var group in Enumerable.Range(0, fed.Count).GroupBy(i => Math.Sign(fed[i].Target.Target - fed[i].Target.Shown)).OrderByDescending(g => g.Key))
        {
            var moved = group.Select(i => Moved(vectors[i], fed[i].Coverage)).ToList();
            var name = group.Key switch { > 0 => "higher", < 0 => "lower", _ => "about right" };
            Console.WriteLine(string.Create(Ic, $"  '{name}': scores moved by {moved.Average():+0.00;-0.00} on average (from {moved.Min():+0.00;-0.00} to {moved.Max():+0.00;-0.00})"));
        }
        var others = seeds.Select(s => Math.Abs(Moved(s.Vector, s.Coverage))).Order().ToList();
        if (others.Count > 0)
        {
            Console.WriteLine(string.Create(Ic, $"  labelled stories: moved by {others.Average():0.00} on average, {others[(int)(0.95 * (others.Count - 1))]:0.00} at the 95th percentile, {others[^1]:0.00} at most; {others.Count(o => o > 0.3)} of {others.Count} by more than 0.3"));
        }
        Console.WriteLine($"  combination before feedback: {before.File.Combination}");
    }
}
