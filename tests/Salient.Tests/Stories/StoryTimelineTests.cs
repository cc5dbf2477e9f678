using Salient.Storage;
using Salient.Stories;

namespace Salient.Tests.Stories;

public sealed class StoryTimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    private static ArticleCard Report(long id, string title, string outlet, double hours) =>
        new(id, title, $"https://news.example/{id}", outlet, null, Start.AddHours(hours), 1, 6.0);

    [Fact]
    public void Reports_of_one_news_cycle_are_one_development_and_a_later_report_with_a_new_toll_opens_the_next()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Cyclone makes landfall near Chittagong, 12 dead", "Reuters", 0),
            Report(2, "Cyclone hits the coast of Bangladesh, killing 12", "AP", 0.5),
            Report(3, "Death toll from the cyclone rises to 40 dead", "BBC News", 9),
            Report(4, "Cyclone toll climbs to 40 as rescuers reach villages", "Al Jazeera", 10),
            Report(5, "World Bank pledges aid to cyclone-hit Bangladesh", "Reuters", 30),
        ]);

        Assert.Equal(3, timeline.Count);
        Assert.Equal([1L, 2L], timeline[0].Articles.Select(a => a.Id));
        Assert.Empty(timeline[0].New);
        Assert.Equal(3, timeline[1].FirstReport.Id);
        Assert.Equal(["40 dead"], timeline[1].New);
        Assert.Equal(["BBC News", "Al Jazeera"], timeline[1].Outlets);
        Assert.Equal(5, timeline[2].FirstReport.Id);
        Assert.Equal(["World Bank"], timeline[2].New);
        Assert.Equal(Start.AddHours(30), timeline[2].At);
    }

    [Fact]
    public void A_report_that_restates_what_was_known_follows_the_development_before_it_however_late()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Court hears appeal over the Thames tunnel", "BBC News", 0),
            Report(2, "Appeal over Thames tunnel heard in court", "The Guardian", 20),
        ]);

        Assert.Single(timeline);
        Assert.Equal(2, timeline[0].Articles.Count);
    }

    [Fact]
    public void A_new_number_within_two_hours_of_the_first_report_is_still_the_same_development()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Earthquake strikes off the coast", "Reuters", 0),
            Report(2, "Magnitude 6.8 earthquake strikes off the coast", "AP", 1.5),
        ]);

        Assert.Single(timeline);
    }

    [Fact]
    public void Every_capitalised_word_of_a_title_case_headline_is_not_taken_for_a_new_name()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Parliament debates the budget", "Reuters", 0),
            Report(2, "Lawmakers Continue Heated Budget Debate Into The Night", "Daily Example", 6),
        ]);

        Assert.Single(timeline);
    }

    [Fact]
    public void Reports_without_a_time_belong_to_the_first_development_and_no_reports_make_no_timeline()
    {
        Assert.Empty(StoryTimeline.Build([]));
        Assert.Empty(StoryTimeline.Build([new ArticleCard(9, "Undated", null, "Blog", null, null, 1, null)]));

        var timeline = StoryTimeline.Build(
        [
            Report(1, "Strike closes the port", "Reuters", 0),
            new ArticleCard(2, "Port strike: what we know", null, null, null, null, 1, null),
            Report(3, "Port strike ends after 3 days as unions accept 7% offer", "AP", 72),
        ]);

        Assert.Equal(2, timeline.Count);
        Assert.Equal([1L, 2L], timeline[0].Articles.Select(a => a.Id));
        Assert.Equal(["3 days", "7%"], timeline[1].New);
    }
}
