using Salient.Storage;

namespace Salient.Significance;

/// <summary>One day of first impressions: stories first scored that day, how far their score moved by the check, and how many crossed the threshold.</summary>
internal sealed record ImpressionDay(DateOnly Day, int Stories, double MeanAbsoluteChange, double MeanChange, int CrossedUp, int CrossedDown);

/// <summary>
/// Did the first score hold? Each story's first score against its score <see cref="After"/> later (the last score
/// given by then): the mean absolute change, the mean change (positive: first scores were too low), and how many
/// crossed <see cref="Threshold"/> upwards or downwards, overall and by the day of the first score. Only stories
/// whose first score is at least <see cref="After"/> old count, and only those first scored inside the period read.
/// </summary>
internal sealed record FirstImpressions(int Stories, double MeanAbsoluteChange, double MeanChange, int CrossedUp, int CrossedDown, IReadOnlyList<ImpressionDay> Days,
    double Threshold, TimeSpan After)
{
    public static readonly TimeSpan DefaultAfter = TimeSpan.FromHours(72);

    public static FirstImpressions Compute(IEnumerable<(long StoryId, ScorePoint Point)> scores, DateTimeOffset now, double threshold = 5.5, TimeSpan? after = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var wait = after ?? DefaultAfter;
        var changes = new List<(DateOnly Day, double First, double Later)>();
        foreach (var story in scores.GroupBy(s => s.StoryId))
        {
            var points = story.Select(s => s.Point).OrderBy(p => p.At).ToList();
            var first = points[0];
            var due = first.At + wait;
            if (due > now)
            {
                continue;
            }
            var later = points.Last(p => p.At <= due);
            changes.Add((DateOnly.FromDateTime(first.At.UtcDateTime), first.Score, later.Score));
        }
        var days = changes.GroupBy(c => c.Day).OrderBy(g => g.Key)
            .Select(g => new ImpressionDay(g.Key, g.Count(), Math.Round(g.Average(c => Math.Abs(c.Later - c.First)), 3), Math.Round(g.Average(c => c.Later - c.First), 3),
                g.Count(c => c.First < threshold && c.Later >= threshold), g.Count(c => c.First >= threshold && c.Later < threshold)))
            .ToList();
        return new FirstImpressions(changes.Count,
            changes.Count == 0 ? 0 : Math.Round(changes.Average(c => Math.Abs(c.Later - c.First)), 3),
            changes.Count == 0 ? 0 : Math.Round(changes.Average(c => c.Later - c.First), 3),
            changes.Count(c => c.First < threshold && c.Later >= threshold), changes.Count(c => c.First >= threshold && c.Later < threshold),
            days, threshold, wait);
    }
}
