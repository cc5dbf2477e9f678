using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

/// <summary>
/// Input without times grouped all at once (<see cref="StoryAssigner.GroupAtOnce"/>): the order of the lines plays no
/// part. The vectors are set by the test and the titles share no word, so the embedding alone scores each pair.
/// </summary>
public sealed class StoryAssignerAtOnceTests
{
    private static readonly StoryOptions Plain = new()
    {
        JoinThreshold = 0.75, LooseThreshold = 0.55, Margin = 0.15, LexicalWeight = 0, SameOutletPenalty = 0, SizePenalty = 0,
        CandidateFloor = 0.3, SeparateCommentary = false, BodyBand = 0,
    };

    private static StoryArticle Article(long id, double degrees, string title, string? url = null, string? source = null) =>
        new(id, title, null, source, url, 0, Synthetic.Angle(degrees));

    [Fact]
    public void Without_times_every_order_of_the_same_articles_gives_the_same_stories_where_the_stream_gave_two_answers()
    {
        // x and z are 60 degrees apart (cosine 0.5), y lies between them (0.866 to each), w far from all.
        var articles = new[]
        {
            Article(1, 0, "alpha"), Article(2, 30, "bravo"), Article(3, 60, "charlie"), Article(4, -90, "delta"),
        };
        var untimed = Plain.Untimed();

        var partitions = StoryPartitions.Orders(articles).Select(order => StoryPartitions.Of(order, StreamClusterer.Run(untimed, order))).Distinct().ToList();

        // y joins x on the join bar; z then clears the loose bar against the pair as a clear winner; w stays apart.
        Assert.Equal(["1,2,3 | 4"], partitions);
        // As a stream in input order the answer hung on the order: z before y starts its own story.
        var stream = untimed with { AtOnce = false, BatchAtOnce = false };
        var streamed = StoryPartitions.Orders(articles).Select(order => StoryPartitions.Of(order, StreamClusterer.Run(stream, order))).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(streamed.Count > 1, string.Join("; ", streamed));
        Assert.Contains("1,2,3 | 4", streamed);
    }

    [Fact]
    public void Two_stories_of_several_articles_never_become_one_without_a_clock_while_a_single_article_joins_the_nearer()
    {
        // Two tight pairs 20 degrees apart (average cosine across them 0.93, over the join bar), and one article
        // between them, nearer the first pair.
        var articles = new[]
        {
            Article(1, 0, "alpha"), Article(2, 4, "bravo"),
            Article(3, 20, "charlie"), Article(4, 24, "delta"),
            Article(5, 9, "echo"),
        };
        var untimed = Plain.Untimed();

        Assert.Equal("1,2,5 | 3,4", StoryPartitions.Of(articles, new StoryAssigner(untimed).GroupAtOnce(articles)));
        // On a merge bar the pairs clear, they are one story: a merge, which only a clock can justify.
        Assert.Equal("1,2,3,4,5", StoryPartitions.Of(articles, new StoryAssigner(untimed with { MergeThreshold = 0.9 }).GroupAtOnce(articles)));
    }

    [Fact]
    public void An_article_joins_a_story_on_the_loose_bar_when_it_sees_no_rival_though_the_story_has_one()
    {
        // A pair at 0 and 4 degrees; s at 45 (average cosine 0.731 to the pair: below the join bar, above the loose
        // one) sees nothing else near; t at -47 (0.656 to the pair) is the pair's second choice, within the margin.
        var articles = new[] { Article(1, 0, "alpha"), Article(2, 4, "bravo"), Article(3, 45, "charlie"), Article(4, -47, "delta") };

        Assert.Equal("1,2,3 | 4", StoryPartitions.Of(articles, new StoryAssigner(Plain.Untimed()).GroupAtOnce(articles)));
        // As the stream judges it: the article arriving last sees one clear winner.
        Assert.Equal("1,2,3 | 4", StoryPartitions.Of(articles, StreamClusterer.Run(Plain.Untimed() with { AtOnce = false, BatchAtOnce = false }, articles)));
    }

    [Fact]
    public void The_same_link_or_headline_is_one_story_however_far_apart_the_vectors_and_a_round_up_or_another_language_stays_alone()
    {
        // 1 and 3 lie 2 degrees apart, as do 2 and 4; each pair of duplicates is one story from the start, and the two
        // stories' average (about 0.54) keeps them apart. 5 and 6 lie within 3 degrees of 1 and 3.
        var articles = new[]
        {
            Article(1, 0, "alpha", url: "https://example.com/news/quake"),
            Article(2, 85, "bravo", url: "https://example.com/news/quake"),
            Article(3, 2, "Strong earthquake hits the coast of northern Japan"),
            Article(4, 87, "Strong earthquake hits the coast of northern Japan"),
            Article(5, 1, "charlie") with { Language = "de" },
            Article(6, 3, "Morning briefing: 5 things to know today"),
        }.Select(a => a.Language is null ? a with { Language = "en" } : a).ToArray();
        var options = Plain with { SeparateCommentary = true };

        var stories = new StoryAssigner(options.Untimed()).GroupAtOnce(articles);

        Assert.Equal("1,2 | 3,4 | 5 | 6", StoryPartitions.Of(articles, stories));
    }

    [Fact]
    public void Two_articles_that_name_different_days_for_their_news_stay_apart_where_their_texts_alone_would_join()
    {
        // Wednesday 12 May 2021: 30 degrees apart, cosine 0.866 against a join bar of 0.75 (no loose bar).
        var wednesday = new DateTimeOffset(2021, 5, 12, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var articles = new[]
        {
            new StoryArticle(1, "Court hears abortion case", "The justices heard arguments on Monday over the ban.", null, null, wednesday, Synthetic.Angle(0)),
            new StoryArticle(2, "Court rules on clinics", "The justices ruled on Tuesday that clinics may keep suing.", null, null, wednesday, Synthetic.Angle(30)),
        };
        var options = Plain with { LooseThreshold = 0.75 };

        Assert.Equal("1 | 2", StoryPartitions.Of(articles, new StoryAssigner(options.Untimed()).GroupAtOnce(articles)));
        Assert.Equal("1,2", StoryPartitions.Of(articles, new StoryAssigner((options with { UntimedEventDayPenalty = 0 }).Untimed()).GroupAtOnce(articles)));
    }

    [Fact]
    public void More_articles_than_fit_at_once_or_the_setting_off_are_grouped_as_a_stream_timed_or_not()
    {
        var untimed = Plain.Untimed();
        Assert.True(StreamClusterer.GroupsAtOnce(untimed, [Article(1, 0, "a"), Article(2, 1, "b")]));
        Assert.True(StreamClusterer.GroupsAtOnce(Plain, [Article(1, 0, "a"), Article(2, 1, "b") with { TimeMs = Hour }]));
        Assert.False(StreamClusterer.GroupsAtOnce(Plain with { AtOnce = false }, [Article(1, 0, "a"), Article(2, 1, "b") with { TimeMs = Hour }]));
        Assert.False(StreamClusterer.GroupsAtOnce(untimed with { AtOnce = false }, [Article(1, 0, "a"), Article(2, 1, "b")]));
        Assert.False(StreamClusterer.GroupsAtOnce(untimed, [Article(1, 0, "a")]));
        var many = Enumerable.Range(0, StoryAssigner.AtOnceMax + 1).Select(i => new StoryArticle(i, "t", null, null, null, 0, [1f, 0f])).ToList();
        Assert.False(StreamClusterer.GroupsAtOnce(untimed, many));
        Assert.True(StreamClusterer.GroupsAtOnce(untimed, many.Take(StoryAssigner.AtOnceMax).ToList()));
        Assert.Throws<ArgumentException>(() => new StoryAssigner(untimed).GroupAtOnce(many));
    }

    private const long Hour = 3_600_000;

    [Fact]
    public void With_times_that_give_only_the_day_every_order_of_the_lines_gives_the_same_stories()
    {
        // Two events of one day, lines stamped with the day alone: the clock cannot order them, so the stream took
        // them in the order of the lines. x and z are 60 degrees apart, y between them; w and v are another event.
        var day = 19 * 24 * Hour;
        var articles = new[]
        {
            Article(1, 0, "alpha"), Article(2, 30, "bravo"), Article(3, 60, "charlie"), Article(4, -90, "delta"), Article(5, -86, "echo"),
        }.Select(a => a with { TimeMs = day }).ToArray();

        var partitions = StoryPartitions.Orders(articles).Select(order => StoryPartitions.Of(order, StreamClusterer.Run(Plain, order))).Distinct().ToList();

        Assert.Equal(["1,2,3 | 4,5"], partitions);
        var stream = Plain with { AtOnce = false, BatchAtOnce = false };
        Assert.True(StoryPartitions.Orders(articles).Select(order => StoryPartitions.Of(order, StreamClusterer.Run(stream, order))).Distinct().Count() > 1);
    }

    [Fact]
    public void Articles_further_apart_than_the_window_never_share_a_story_and_time_within_it_costs_beyond_the_grace()
    {
        // 1 and 2 read alike (cosine 0.94); 3 reads as 1 does but five days later; 4 as 2 does, 30 hours after it.
        var articles = new[]
        {
            Article(1, 0, "alpha") with { TimeMs = 0 },
            Article(2, 20, "bravo") with { TimeMs = Hour },
            Article(3, 0, "charlie") with { TimeMs = 5 * 24 * Hour },
            Article(4, 20, "delta") with { TimeMs = 31 * Hour },
        };
        var options = Plain with { TimeGraceHours = 12, TimePenaltyPerDay = 0.5, WindowHours = 72 };

        Assert.Equal("1,2,4 | 3", StoryPartitions.Of(articles, new StoryAssigner(options).GroupAtOnce(articles)));
        // A steeper cost of time keeps the article of the next day out: 18 hours past the grace at 1.5 a day is 1.125.
        Assert.Equal("1,2 | 3 | 4", StoryPartitions.Of(articles, new StoryAssigner(options with { TimePenaltyPerDay = 1.5 }).GroupAtOnce(articles)));
    }

    [Fact]
    public void A_story_begun_after_an_article_came_out_is_no_rival_to_its_loose_join_as_in_the_stream()
    {
        // A pair at 0 and 4 degrees; s at 45 (0.731 to the pair: below the join bar, above the loose one); r at 90
        // reads like s (0.707, within the margin) and like nothing else.
        StoryArticle[] Set(long rivalTime) =>
        [
            Article(1, 0, "alpha") with { TimeMs = 0 }, Article(2, 4, "bravo") with { TimeMs = 0 },
            Article(3, 45, "charlie") with { TimeMs = 2 * Hour }, Article(4, 90, "delta") with { TimeMs = rivalTime },
        ];

        // r out an hour after s: the stream placed s before r existed, as one clear winner.
        Assert.Equal("1,2,3 | 4", StoryPartitions.Of(Set(3 * Hour), new StoryAssigner(Plain).GroupAtOnce(Set(3 * Hour))));
        Assert.Equal("1,2,3 | 4", StoryPartitions.Of(Set(3 * Hour), StreamClusterer.Run(Plain with { AtOnce = false }, Set(3 * Hour))));
        // r out an hour before s: a rival within the margin, so s joins neither.
        Assert.Equal("1,2 | 3 | 4", StoryPartitions.Of(Set(Hour), new StoryAssigner(Plain).GroupAtOnce(Set(Hour))));
        Assert.Equal("1,2 | 3 | 4", StoryPartitions.Of(Set(Hour), StreamClusterer.Run(Plain with { AtOnce = false }, Set(Hour))));
    }

    [Fact]
    public void A_loose_join_with_a_rival_near_is_judged_by_its_lead_and_one_with_nothing_near_needs_the_streams_bar()
    {
        // A pair at 0 and 4 degrees; c at 66 degrees scores 0.438 with the pair on average: below the stream's loose bar
        // (0.55), above the contested one (0.3). r, in a third direction, scores 0.25 with c and nothing with the pair.
        var r = new float[Synthetic.Angle(0).Length];
        r[1] = 0.273f;
        r[2] = 0.962f;
        StoryArticle[] pair = [Article(1, 0, "alpha"), Article(2, 4, "bravo"), Article(3, 66, "charlie")];
        StoryArticle[] withRival = [.. pair, new(4, "delta", null, null, null, 0, r)];

        // With r near, c is the pair's by a lead of 0.19 over r.
        Assert.Equal("1,2,3 | 4", StoryPartitions.Of(withRival, new StoryAssigner(Plain).GroupAtOnce(withRival)));
        // With nothing near, 0.438 is too little on its own.
        Assert.Equal("1,2 | 3", StoryPartitions.Of(pair, new StoryAssigner(Plain).GroupAtOnce(pair)));
        // With the stream's bars for contested joins too, c stays out either way.
        var stream = Plain with { ContestedLooseThreshold = Plain.LooseThreshold, ContestedMargin = Plain.Margin };
        Assert.Equal("1,2 | 3 | 4", StoryPartitions.Of(withRival, new StoryAssigner(stream).GroupAtOnce(withRival)));
    }

    [Fact]
    public void The_pairs_a_big_event_forms_at_first_join_where_each_article_would_have_joined_the_other_pair_on_its_own()
    {
        // Four reports of one event, as two tight pairs 20 degrees apart: each pair forms in the first round.
        StoryArticle[] articles = [Article(1, 0, "alpha"), Article(2, 4, "bravo"), Article(3, 20, "charlie"), Article(4, 24, "delta")];

        Assert.Equal("1,2,3,4", StoryPartitions.Of(articles, new StoryAssigner(Plain).GroupAtOnce(articles)));
        // As the stream has them, one by one.
        Assert.Equal("1,2,3,4", StoryPartitions.Of(articles, StreamClusterer.Run(Plain with { AtOnce = false }, articles)));
        // Without the rule, two stories of several articles each join only as a merge would.
        Assert.Equal("1,2 | 3,4", StoryPartitions.Of(articles, new StoryAssigner(Plain with { JoinGrownStories = false }).GroupAtOnce(articles)));
        // Without a clock, never (the test above).
        Assert.Equal("1,2 | 3,4", StoryPartitions.Of(articles, new StoryAssigner(Plain.Untimed()).GroupAtOnce(articles)));
    }

    [Fact]
    public void Two_tight_pairs_that_read_less_alike_across_than_within_stay_apart_as_two_events_of_one_theme()
    {
        // Each pair two degrees wide (0.999 within); 38 degrees between them (0.788 across on average: over the join
        // bar, but 0.21 below what each pair reads within).
        StoryArticle[] articles = [Article(1, 0, "alpha"), Article(2, 2, "bravo"), Article(3, 38, "charlie"), Article(4, 40, "delta")];

        Assert.Equal("1,2 | 3,4", StoryPartitions.Of(articles, new StoryAssigner(Plain).GroupAtOnce(articles)));
        Assert.Equal("1,2,3,4", StoryPartitions.Of(articles, new StoryAssigner(Plain with { GrownStoriesGap = 0.25 }).GroupAtOnce(articles)));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_gap_for_grown_stories_that_is_negative_or_no_number_is_refused_by_name(double gap)
    {
        var e = Assert.Throws<ArgumentException>(() => (Plain with { GrownStoriesGap = gap }).Validate());
        Assert.Contains("Stories:GrownStoriesGap", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_pairs_told_one_after_the_other_stay_apart_and_two_told_at_the_same_time_join()
    {
        // The pairs of the test above, within the grace of each other (time costs nothing): the second pair's articles
        // all came after the first's, as the next event of a theme does, or among them, as one event's reports do.
        StoryArticle[] Pairs(long third) =>
        [
            Article(1, 0, "alpha") with { TimeMs = 0 }, Article(2, 4, "bravo") with { TimeMs = 2 * Hour },
            Article(3, 20, "charlie") with { TimeMs = third }, Article(4, 24, "delta") with { TimeMs = 6 * Hour },
        ];

        Assert.Equal("1,2 | 3,4", StoryPartitions.Of(Pairs(5 * Hour), new StoryAssigner(Plain).GroupAtOnce(Pairs(5 * Hour))));
        Assert.Equal("1,2,3,4", StoryPartitions.Of(Pairs(Hour), new StoryAssigner(Plain).GroupAtOnce(Pairs(Hour))));
    }

    /// <summary>Opinion pieces told apart by their titles' label; with no lexical weight, a column meets a report on the full join score.</summary>
    private static readonly StoryOptions Commentary = Plain with { SeparateCommentary = true, CommentaryLexical = 0 };

    [Fact]
    public void Two_columns_on_the_event_join_its_reports_one_by_one_rather_than_pair_first_and_stay_apart()
    {
        // Reports at 0 and 4 degrees; two columns at 20 and 24, nearer each other (0.998) than either is to the reports
        // (0.95 and 0.93 on average), yet over the join bar with both.
        StoryArticle[] articles = [Article(1, 0, "alpha"), Article(2, 4, "bravo"), Article(3, 20, "Opinion: charlie"), Article(4, 24, "Opinion: delta")];

        // The columns wait their turn and join one by one, even where two stories of several articles would never join.
        Assert.Equal("1,2,3,4", StoryPartitions.Of(articles, new StoryAssigner(Commentary).GroupAtOnce(articles)));
        Assert.Equal("1,2,3,4", StoryPartitions.Of(articles, new StoryAssigner(Commentary with { JoinGrownStories = false }).GroupAtOnce(articles)));
        // Read as reports, the two pairs form in the first round; they join only as the pairs of a big event do (below).
        Assert.Equal("1,2 | 3,4", StoryPartitions.Of(articles, new StoryAssigner(Plain with { JoinGrownStories = false }).GroupAtOnce(articles)));
        // As the stream has them, in any order.
        var stream = Commentary with { AtOnce = false };
        Assert.Equal(["1,2,3,4"], StoryPartitions.Orders(articles).Select(order => StoryPartitions.Of(order, StreamClusterer.Run(stream, order))).Distinct());
    }

    [Fact]
    public void A_report_whose_events_other_article_is_a_column_waits_for_it_rather_than_join_the_next_event_alone()
    {
        // One event's reports at 0 and 4 degrees. Another event's report at 50 degrees (0.669 to the pair on average:
        // a loose join, were nothing else near) and its column at 60 (0.985 to that report, 0.53 to the pair).
        StoryArticle[] articles = [Article(1, 0, "alpha"), Article(2, 4, "bravo"), Article(3, 50, "charlie"), Article(4, 60, "Opinion: delta")];

        Assert.Equal("1,2 | 3,4", StoryPartitions.Of(articles, new StoryAssigner(Commentary).GroupAtOnce(articles)));
        // Read as a report, the column is the report's clear partner in the same way.
        Assert.Equal("1,2 | 3,4", StoryPartitions.Of(articles, new StoryAssigner(Plain).GroupAtOnce(articles)));
    }

    [Theory]
    [InlineData(double.NaN, 0.1)]
    [InlineData(0.3, -0.1)]
    [InlineData(0.3, double.PositiveInfinity)]
    public void A_contested_bar_that_is_no_number_or_a_negative_margin_is_refused_by_name(double bar, double margin)
    {
        var e = Assert.Throws<ArgumentException>(() => (Plain with { ContestedLooseThreshold = bar, ContestedMargin = margin }).Validate());
        Assert.Contains("Stories:ContestedLooseThreshold", e.Message, StringComparison.Ordinal);
        Assert.Contains("Stories:ContestedMargin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_headline_again_after_the_window_starts_a_story_of_its_own_as_in_the_stream()
    {
        const string Title = "Strong earthquake hits the coast of northern Japan";
        var articles = new[]
        {
            Article(1, 0, Title) with { TimeMs = 0 },
            Article(2, 90, Title) with { TimeMs = 2 * Hour },
            Article(3, 180, Title) with { TimeMs = 10 * 24 * Hour },
        };

        Assert.Equal("1,2 | 3", StoryPartitions.Of(articles, new StoryAssigner(Plain).GroupAtOnce(articles)));
        Assert.Equal("1,2 | 3", StoryPartitions.Of(articles, StreamClusterer.Run(Plain with { AtOnce = false }, articles)));
    }
}
