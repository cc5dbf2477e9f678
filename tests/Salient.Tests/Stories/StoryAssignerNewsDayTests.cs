using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

/// <summary>
/// The day an article's start names for its news (<see cref="StoryOptions.EventDayPenalty"/>): a story whose articles
/// name one day takes in an article naming another only on a score that clears the bar with the penalty. The vectors
/// are set by the test, so the scores are exact: embedding alone decides against a bar of 0.9.
/// </summary>
public sealed class StoryAssignerNewsDayTests
{
    private const long Hour = 3_600_000;

    /// <summary>Wednesday 12 May 2021, 00:00 UTC.</summary>
    private static readonly long Wednesday = new DateTimeOffset(2021, 5, 12, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly StoryOptions Off = new()
    {
        JoinThreshold = 0.9, LooseThreshold = 0.9, Margin = 0.5, MergeThreshold = 0.99, LexicalWeight = 0,
        TimePenaltyPerDay = 0, SameOutletPenalty = 0, SizePenalty = 0, CandidateFloor = 0.3, SeparateCommentary = false,
        BodyBand = 0,
    };

    private static readonly StoryOptions On = Off with { EventDayPenalty = 0.2 };

    private static StoryArticle Article(long id, double degrees, long time, string title, string text) =>
        new(id, title, text, null, null, time, Synthetic.Angle(degrees));

    [Fact]
    public void Articles_at_one_time_that_name_different_days_for_their_news_start_two_stories_and_one_naming_the_same_day_or_none_joins()
    {
        var articles = new[]
        {
            Article(1, 0, Wednesday, "Court hears abortion case", "The justices heard arguments on Monday over the state's ban."),
            Article(2, 6, Wednesday, "Court rules on clinics' lawsuit", "The justices ruled on Thursday that clinics may keep suing."),
            Article(3, 3, Wednesday, "Justices weigh abortion ban", "On Monday the justices signalled they may uphold the ban."),
            Article(4, 2, Wednesday, "Justices and the abortion ban", "The justices weighed the ban, lawyers said."),
        };

        var on = StreamClusterer.Run(On, articles);
        var off = StreamClusterer.Run(Off, articles);

        // Embedding alone (cosine 0.99 and more) puts all four in one story.
        Assert.Single(off.Distinct());
        // Thursday's ruling is another event; Monday's report and the undated one join Monday's hearing.
        Assert.NotEqual(on[0], on[1]);
        Assert.Equal(on[0], on[2]);
        Assert.Equal(on[0], on[3]);
    }

    [Fact]
    public void A_report_the_morning_after_keeps_its_story_while_a_preview_of_the_day_before_is_told_apart_from_the_outcome()
    {
        var assigner = new StoryAssigner(On);
        var preview = assigner.Assign(Article(1, 0, Wednesday + 9 * Hour, "Senate to vote on budget", "The Senate will vote on the budget on Thursday, leaders said."));
        var outcome = assigner.Assign(Article(2, 4, Wednesday + 40 * Hour, "Senate passes budget", "The Senate passed the budget on Thursday after a long debate."));
        var morningAfter = assigner.Assign(Article(3, 2, Wednesday + 49 * Hour, "Budget heads to the House", "After the Senate vote on Thursday, the budget goes to the House."));

        Assert.NotEqual(preview.StoryId, outcome.StoryId);
        Assert.Equal(outcome.StoryId, morningAfter.StoryId);

        // Without the penalty the preview and the outcome are one story.
        var plain = new StoryAssigner(Off);
        var first = plain.Assign(Article(1, 0, Wednesday + 9 * Hour, "Senate to vote on budget", "The Senate will vote on the budget on Thursday, leaders said."));
        Assert.Equal(first.StoryId, plain.Assign(Article(2, 4, Wednesday + 40 * Hour, "Senate passes budget", "The Senate passed the budget on Thursday after a long debate.")).StoryId);
    }

    [Fact]
    public void The_penalty_is_off_for_timed_input_and_on_for_input_without_times_and_a_negative_one_is_refused()
    {
        var defaults = new StoryOptions();
        Assert.Equal(0, defaults.EventDayPenalty);
        Assert.Equal(defaults.UntimedEventDayPenalty, defaults.Untimed().EventDayPenalty);
        Assert.True(defaults.UntimedEventDayPenalty > 0);

        var e = Assert.Throws<ArgumentException>(() => new StoryAssigner(defaults with { UntimedEventDayPenalty = -0.1 }));
        Assert.Contains("Stories:EventDayPenalty and Stories:UntimedEventDayPenalty must be numbers of 0 or more", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new StoryAssigner(defaults with { EventDayPenalty = double.NaN }));
    }
}
