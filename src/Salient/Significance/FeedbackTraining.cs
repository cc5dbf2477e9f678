using System.Globalization;
using Salient.Sources;

namespace Salient.Significance;

/// <summary>
/// Feedback in training: each story with feedback joins the fit of the combination (and so of the score map) as an
/// extra example whose target is the score it should have had, weighed as <see cref="DefaultWeight"/> seed labels per
/// reader's vote (at most three votes' worth per story). The factor regressors are not refitted from feedback (a
/// verdict says nothing about which factor was wrong), and the seed labels stay in every fit, so a batch of feedback
/// moves the weights only as far as the seed labels allow.
/// </summary>
internal static class FeedbackTraining
{
    public const double DefaultWeight = 3;

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

    /// <summary>How the feedback moved its own stories, and how far it moved the labelled stories it did not speak about.</summary>
    public static void Print(IReadOnlyList<Fed> fed, StudentTrainer.Calibrated before, StudentTrainer.Calibrated after, IReadOnlyList<(double[] Factors, Coverage Coverage)> seeds)
    {
        ArgumentNullException.ThrowIfNull(fed);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(seeds);
        double Score(StudentTrainer.Calibrated c, double[] f, Coverage cov) => StudentModel.Combine(c.Result.Combination, c.Map, f, cov).Score;
        Console.WriteLine();
        Console.WriteLine(string.Create(Ic, $"feedback on {fed.Count} stories ({fed.Count(f => f.Target.Target > f.Target.Shown)} higher, {fed.Count(f => f.Target.Target < f.Target.Shown)} lower, {fed.Count(f => f.Target.Target == f.Target.Shown)} about right):"));
        foreach (var group in fed.GroupBy(f => Math.Sign(f.Target.Target - f.Target.Shown)).OrderByDescending(g => g.Key))
        {
            var moved = group.Select(f => Score(after, f.Factors, f.Coverage) - Score(before, f.Factors, f.Coverage)).ToList();
            var name = group.Key switch { > 0 => "higher", < 0 => "lower", _ => "about right" };
            Console.WriteLine(string.Create(Ic, $"  '{name}': scores moved by {moved.Average():+0.00;-0.00} on average (from {moved.Min():+0.00;-0.00} to {moved.Max():+0.00;-0.00})"));
        }
        var others = seeds.Select(s => Math.Abs(Score(after, s.Factors, s.Coverage) - Score(before, s.Factors, s.Coverage))).ToList();
        if (others.Count > 0)
        {
            others.Sort();
            Console.WriteLine(string.Create(Ic, $"  labelled stories: moved by {others.Average():0.00} on average, {others[(int)(0.95 * (others.Count - 1))]:0.00} at the 95th percentile, {others[^1]:0.00} at most"));
        }
        Console.WriteLine($"  combination before feedback: {before.Result.Combination}");
    }
}
