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

    private static ArticleCard Report(long id, string title, string outlet, double hours, string lead) =>
        Report(id, title, outlet, hours) with { Lead = lead };

    [Fact]
    public void A_new_name_in_a_title_case_headline_opens_a_development_when_the_reports_lead_writes_it_as_a_name()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Council Votes To Close Harbour Road", "Daily Example", 0, "The Harbour Council voted on Monday to close the road to traffic from June."),
            Report(2, "Harbour Road Closure Approved By Council", "Evening Example", 1, "Councillors approved the closure of Harbour Road after a long debate."),
            Report(3, "Environment Agency Sues Council Over Harbour Road", "Daily Example", 30, "The Environment Agency filed suit against the Harbour Council on Tuesday."),
        ]);

        Assert.Equal(2, timeline.Count);
        Assert.Equal([1L, 2L], timeline[0].Articles.Select(a => a.Id));
        Assert.Equal(3, timeline[1].FirstReport.Id);
        Assert.Equal(["Environment Agency"], timeline[1].New);
    }

    [Fact]
    public void A_title_case_headline_takes_its_names_from_the_storys_sentence_case_headlines_when_it_has_no_lead()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Council votes to close Harbour Road", "Reuters", 0),
            Report(2, "Environment Agency Sues Council Over Harbour Road", "Daily Example", 30),
            Report(3, "Council sued by the Environment Agency over the road", "Reuters", 31),
        ]);

        Assert.Equal(2, timeline.Count);
        Assert.Equal(2, timeline[1].FirstReport.Id);
        Assert.Equal(["Environment Agency"], timeline[1].New);
        Assert.Equal([2L, 3L], timeline[1].Articles.Select(a => a.Id));
    }

    [Fact]
    public void A_ruling_the_day_after_a_hearing_opens_a_development_though_it_names_nothing_new()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Court hears appeal over the Thames tunnel", "BBC News", 0),
            Report(2, "Judges hear the Thames tunnel appeal", "The Guardian", 0.5),
            Report(3, "Judges reject the appeal in a ruling that lets tunnel work resume", "BBC News", 29),
            Report(4, "Tunnel appeal rejected by judges", "The Guardian", 30),
        ]);

        Assert.Equal(2, timeline.Count);
        Assert.Equal([1L, 2L], timeline[0].Articles.Select(a => a.Id));
        Assert.Equal([3L, 4L], timeline[1].Articles.Select(a => a.Id));
        Assert.Empty(timeline[1].New);
    }

    [Fact]
    public void A_toll_the_first_reports_lead_gave_is_not_news_in_a_later_headline_and_a_toll_that_rises_is()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Floods hit the northern province", "Reuters", 0, "At least 40 people are feared dead after floods swept through the northern province."),
            Report(2, "Flood toll reaches 40 in the north", "AP", 6, "Forty people have died, officials said."),
            Report(3, "Flood toll rises to 112 as rescuers reach villages", "BBC News", 30, "The death toll rose to 112 on Wednesday."),
        ]);

        Assert.Equal(2, timeline.Count);
        Assert.Equal([1L, 2L], timeline[0].Articles.Select(a => a.Id));
        Assert.Equal(["112"], timeline[1].New);
    }

    [Fact]
    public void A_name_written_with_a_possessive_is_the_name_already_known_and_a_number_before_a_comma_is_shown_without_it()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Emails of Anthony Fauci released", "Reuters", 0),
            Report(2, "Emails show Anthony Fauci’s doubts", "AP", 10),
        ]);

        Assert.Single(timeline);
        Assert.Equal(["28", "2020"], StoryTimeline.Facts("Emails from Feb 28, 2020 are released").Where(f => f.Keys[0].StartsWith('#')).Select(f => f.Shown));
    }
    [Fact]
    public void A_development_names_what_it_brought_as_a_reader_would_write_it()
    {
        Assert.Equal(["G-7", "NATO"], StoryTimeline.Facts("Biden to make first overseas trip in June for G-7, NATO summits").Select(f => f.Shown));
        Assert.Equal(["NBC Nightly News", "911"], StoryTimeline.Facts("'NBC Nightly News' under fire for editing out key part of 911 call").Select(f => f.Shown));
        Assert.Equal(["Biden"], StoryTimeline.Facts("Harris cements her place in Biden's inner circle").Select(f => f.Shown));
        Assert.Equal(["Beto O'Rourke", "COVID-19"], StoryTimeline.Facts("Texas rally: Beto O'Rourke urges COVID-19 shots").Select(f => f.Shown));
        Assert.Equal(["2020", "21"], StoryTimeline.Facts("Budget for the 2020-21 season is cut").Select(f => f.Shown));
        Assert.Equal(["Republican"], StoryTimeline.Facts("Latest: Two Republican senators back the bill").Select(f => f.Shown));
        Assert.Equal(["ABC News"], StoryTimeline.Facts("Senator tells ABC News: I'm not running again").Select(f => f.Shown));
    }

    [Fact]
    public void A_word_that_opens_a_headline_does_not_join_the_name_after_it_unless_the_story_writes_it_as_a_name()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Anthony Fauci warns of a hard winter", "Reuters", 0),
            Report(2, "Inside Anthony Fauci's plan for the winter", "Daily Example", 10),
            Report(3, "Exclusive: Meet Anthony Fauci's new deputy at the institute", "Evening Example", 12),
        ]);

        Assert.Single(timeline);
        Assert.Equal(["Anthony Fauci"], StoryTimeline.Facts("Exclusive: Inside Anthony Fauci's plan for the coming winter").Select(f => f.Shown));
        Assert.Equal(["Anthony Fauci"], StoryTimeline.Facts("Meet Anthony Fauci's new deputy at the institute").Select(f => f.Shown));
        Assert.Equal(["Inside Edition"], StoryTimeline.Facts("Inside Edition wins the ratings war", new HashSet<string> { "Inside", "Edition" }).Select(f => f.Shown));
        Assert.Equal(["World Bank"], StoryTimeline.Facts("World Bank pledges aid to the region").Select(f => f.Shown));
        Assert.Equal(["Ohio"], StoryTimeline.Facts("Watchdog Ohio says it will sue", lower: new HashSet<string> { "watchdog" }).Select(f => f.Shown));
    }

    [Fact]
    public void A_month_or_a_weekday_in_a_headline_is_no_new_name_written_out_or_cut_short()
    {
        var timeline = StoryTimeline.Build(
        [
            Report(1, "Senate panel opens inquiry into the Capitol riot", "Reuters", 0),
            Report(2, "Capitol riot inquiry to report by March", "AP", 10),
            Report(3, "Capitol Riot Inquiry Sets Hearings For Sept", "Daily Example", 12, "The inquiry into the Capitol riot will hold hearings in Sept and report in March."),
        ]);

        Assert.Single(timeline);
        Assert.Equal(["Capitol"], StoryTimeline.Facts("Riot inquiry hears Jan and Sept testimony on Tues in March and May from Capitol police").Select(f => f.Shown));
        // Written in capitals, as datelines and shouting headlines write them.
        Assert.Equal(["Capitol"], StoryTimeline.Facts("Riot inquiry hears JAN and SEPT testimony on TUES in MAY from Capitol police").Select(f => f.Shown));
    }

    [Fact]
    public void Headlines_of_only_openers_months_colons_and_dashes_name_nothing_and_never_fail()
    {
        string[] hostile = ["", ":", "Inside", "Jan. Sept. — Inside: Meet", "— : | –", "Inside: Inside: Inside", "Mon, Tues and Sept", new string('x', 5_000) + ": Meet"];

        var timeline = StoryTimeline.Build(hostile.Select((t, i) => Report(i + 1, t, "Site", i * 10.0, t)).ToList());

        Assert.Equal(hostile.Length, timeline.Sum(d => d.Articles.Count));
        Assert.All(timeline, d => Assert.Empty(d.New));
        Assert.All(hostile, t => Assert.Empty(StoryTimeline.Facts(t, new HashSet<string>(), new HashSet<string> { "inside" })));
    }
}
