using Salient.Significance;
using Salient.Storage;

namespace Salient.Tests.Significance;

public sealed class FirstImpressionsTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static (long, ScorePoint) P(long story, double hours, double score, DateTimeOffset? start = null) =>
        (story, new ScorePoint((start ?? Day1).AddHours(hours), score, 1, 1));

    [Fact]
    public void Each_first_score_is_compared_with_the_last_score_given_by_72_hours_later_and_young_stories_wait()
    {
        var scores = new[]
        {
            // Rose from 5.0 to 6.0 within the three days; a later score (day 5) does not count.
            P(1, 0, 5.0), P(1, 10, 5.8), P(1, 70, 6.0), P(1, 100, 9.0),
            // Fell from 6.0 to 4.5.
            P(2, 0, 6.0), P(2, 30, 4.5),
            // Scored once: held.
            P(3, 2, 3.0),
            // First scored a day later, but not 72 h before "now": not yet counted.
            P(4, 40, 2.0), P(4, 41, 8.0),
        };
        var now = Day1.AddHours(80);
        var r = FirstImpressions.Compute(scores, now);

        Assert.Equal(3, r.Stories);
        Assert.Equal((1.0 + 1.5 + 0) / 3, r.MeanAbsoluteChange, 3);
        Assert.Equal((1.0 - 1.5 + 0) / 3, r.MeanChange, 3);
        Assert.Equal((1, 1), (r.CrossedUp, r.CrossedDown));
        var day = Assert.Single(r.Days);
        Assert.Equal(new DateOnly(2026, 3, 2), day.Day);
        Assert.Equal(3, day.Stories);
    }

    [Fact]
    public void With_no_story_old_enough_there_is_nothing_to_report_rather_than_a_zero_that_looks_perfect()
    {
        var r = FirstImpressions.Compute([P(1, 0, 5.0), P(1, 1, 7.0)], Day1.AddHours(5));
        Assert.Equal(0, r.Stories);
        Assert.Empty(r.Days);
    }
}
