using Microsoft.Extensions.DependencyInjection;
using Salient.Digest;
using Salient.Sections;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Digest;

/// <summary>The digest per section: choices read and checked, stories grouped under them, each sent once, with a real SMTP server on 127.0.0.1.</summary>
public sealed class DigestSectionsTests
{
    private static DigestSections Sections(SectionsOptions? options = null)
    {
        options ??= new SectionsOptions();
        return new DigestSections(new RegionCatalog(Gazetteer.Shipped, options), options);
    }

    [Theory]
    [InlineData("topic:science", "topic", "science", null)]
    [InlineData("  Topic:Science=4.5 ", "topic", "science", 4.5)]
    [InlineData("region:europe", "region", "europe", null)]
    [InlineData("region:UA=0", "region", "ua", 0.0)]
    [InlineData("region:middle-east=10", "region", "middle-east", 10.0)]
    public void A_section_is_read_as_topic_or_region_with_its_slug_and_an_optional_score(string text, string kind, string slug, double? threshold)
    {
        Assert.Equal(new SectionChoice(kind, slug, threshold), Sections().Parse(text));
    }

    [Theory]
    [InlineData("science", "not a section")]
    [InlineData("topic:astrology", "there is no topic 'astrology'; topics are politics")]
    [InlineData("region:atlantis", "there is no region 'atlantis'")]
    [InlineData("region:<script>alert(1)</script>", "there is no region '")]
    [InlineData("desk:science", "'desk' is neither topic nor region")]
    [InlineData("topic:science=11", "must be a number from 0 to 10")]
    [InlineData("topic:science=NaN", "must be a number from 0 to 10")]
    [InlineData("topic:science=lots", "must be a number from 0 to 10")]
    [InlineData("region:", "there is no region ''")]
    [InlineData("", "is not a section")]
    public void A_bad_section_is_refused_with_a_message_that_names_it_and_says_what_to_write(string text, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Sections().Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_slug_is_refused_with_a_shortened_echo_and_more_than_twenty_sections_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Sections().Parse("region:" + new string('x', 100_000)));
        Assert.True(e.Message.Length < 400, "the message echoes a shortened slug");
        var many = Enumerable.Range(0, 21).Select(i => new SectionChoice("region", $"r{i}", null));
        Assert.Contains("at most 20", Assert.Throws<ArgumentException>(() => DigestSections.Distinct(many)).Message, StringComparison.Ordinal);
        Assert.Equal([new SectionChoice("topic", "science", 3)],
            DigestSections.Distinct([new SectionChoice("topic", "science", null), new SectionChoice("topic", "science", 3)]));
    }

    [Fact]
    public void A_sections_score_is_the_subscribers_for_it_else_the_sections_own_else_the_subscribers_threshold()
    {
        var options = new SectionsOptions();
        options.Thresholds["europe"] = 3.5;
        var sections = Sections(options);

        Assert.Equal(4.0, sections.ThresholdOf(new SectionChoice("region", "europe", 4.0), 6));
        Assert.Equal(3.5, sections.ThresholdOf(new SectionChoice("region", "europe", null), 6));
        Assert.Equal(6.0, sections.ThresholdOf(new SectionChoice("topic", "science", null), 6));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_section_digest_groups_stories_under_their_sections_each_once_and_a_later_digest_never_sends_one_again(string engine)
    {
        await using var f = await DigestFixture.CreateAsync(engine: engine);
        await using var smtp = SmtpSink.Start();
        var telescope = await f.AddStoryAsync("Telescope finds water on a distant planet", 6.0);
        await f.FileAsync(telescope, ["science"], "US");
        var coalition = await f.AddStoryAsync("German coalition agrees on the budget", 7.0);
        await f.FileAsync(coalition, ["politics"], "DE");
        // Science only as a secondary desk: Europe, where it is about, holds it first.
        var trial = await f.AddStoryAsync("Vaccine trial in Britain ends early", 5.8);
        await f.FileAsync(trial, ["health", "science"], "GB");
        // In both chosen sections as its primary desk and its country: under the first chosen, Science.
        var rover = await f.AddStoryAsync("European rover lands on Mars", 6.5);
        await f.FileAsync(rover, ["science"], "FR");
        var election = await f.AddStoryAsync("Brazil election goes to a second round", 8.0);
        await f.FileAsync(election, ["politics"], "BR");
        var low = await f.AddStoryAsync("Comet passes close to Earth", 3.0);
        await f.FileAsync(low, ["science"]);
        var (s, _) = await f.Store.UpsertAsync("reader@example.test", "daily", 5.5, confirmed: true, CancellationToken.None);
        await f.Store.SetSectionsAsync(s.Id, [new SectionChoice("topic", "science", 4.0), new SectionChoice("region", "europe", null)], CancellationToken.None);

        var first = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(1, first.Sent);
        var text = Assert.Single(smtp.Messages).TextBody!;
        var science = text.IndexOf("== Science ==", StringComparison.Ordinal);
        var europe = text.IndexOf("== Europe ==", StringComparison.Ordinal);
        Assert.True(science >= 0 && europe > science, text);
        int At(string title) => text.IndexOf(title, StringComparison.Ordinal);
        Assert.InRange(At("European rover lands"), science, europe);
        Assert.InRange(At("Telescope finds water"), science, europe);
        Assert.True(At("European rover lands") < At("Telescope finds water"), "most significant first within a section");
        Assert.True(At("German coalition") > europe);
        Assert.True(At("Vaccine trial in Britain") > europe);
        foreach (var id in new[] { rover, telescope, coalition, trial })
        {
            var link = $"/story/{id}\n";
            Assert.Equal(text.IndexOf(link, StringComparison.Ordinal), text.LastIndexOf(link, StringComparison.Ordinal));
        }
        Assert.DoesNotContain("Brazil election", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Comet passes", text, StringComparison.Ordinal);
        var html = smtp.Messages.Single().HtmlBody!;
        Assert.Contains("<a href=\"http://127.0.0.1:5080/topic/science\" style=\"color:inherit\">Science</a></h2>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://127.0.0.1:5080/region/europe\" style=\"color:inherit\">Europe</a></h2>", html, StringComparison.Ordinal);
        Assert.Contains("/subscription?token=", html, StringComparison.Ordinal);

        // A day later: the telescope story grew, a new story came; only the new one is sent.
        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.GrowStoryAsync(telescope, 7.5);
        var probe = await f.AddStoryAsync("Probe returns samples from an asteroid", 6.2);
        await f.FileAsync(probe, ["science"], "JP");
        var second = await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(1, second.Sent);
        var next = smtp.Messages.ElementAt(1).TextBody!;
        Assert.Contains("Probe returns samples", next, StringComparison.Ordinal);
        Assert.DoesNotContain("Telescope finds water", next, StringComparison.Ordinal);
        Assert.DoesNotContain("== Europe ==", next, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Changing_to_sections_never_resends_what_the_whole_edition_already_sent_and_a_section_the_site_no_longer_knows_is_left_out(string engine)
    {
        await using var f = await DigestFixture.CreateAsync(engine: engine);
        await using var smtp = SmtpSink.Start();
        var quake = await f.AddStoryAsync("Earthquake strikes southern Italy", 7.8);
        await f.FileAsync(quake, ["society"], "IT");
        var (s, _) = await f.Store.UpsertAsync("reader@example.test", "daily", 5.5, confirmed: true, CancellationToken.None);
        await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);
        Assert.Contains("Earthquake strikes", smtp.Messages.Single().TextBody, StringComparison.Ordinal);

        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.GrowStoryAsync(quake, 8.2);
        var floods = await f.AddStoryAsync("Floods close Venice's schools", 6.0);
        await f.FileAsync(floods, ["environment"], "IT");
        await f.Store.SetSectionsAsync(s.Id, [new SectionChoice("region", "gone-region", null), new SectionChoice("region", "it", null)], CancellationToken.None);
        var plan = Assert.Single(await f.Service.PreviewAsync(null, CancellationToken.None));
        await f.Service.SendAsync(null, SmtpEndpoint.Parse(smtp.Url), CancellationToken.None);

        Assert.Equal(["Italy"], plan.Groups.Select(g => g.Section!.Name));
        Assert.Equal([floods], plan.Stories.Select(x => x.Id));
        var second = smtp.Messages.ElementAt(1).TextBody!;
        Assert.Contains("Floods close Venice", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Earthquake strikes", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sections_own_threshold_from_configuration_lets_quieter_stories_of_that_section_in()
    {
        var options = new SectionsOptions();
        options.Thresholds["science"] = 3.0;
        await using var f = await DigestFixture.CreateAsync(services: s => s.AddSingleton(options));
        var comet = await f.AddStoryAsync("Comet passes close to Earth", 3.4);
        await f.FileAsync(comet, ["science"]);
        var match = await f.AddStoryAsync("Club wins the cup", 3.4);
        await f.FileAsync(match, ["sports"]);
        var (s, _) = await f.Store.UpsertAsync("reader@example.test", "daily", 5.5, confirmed: true, CancellationToken.None);
        await f.Store.SetSectionsAsync(s.Id, [new SectionChoice("topic", "science", null), new SectionChoice("topic", "sports", null)], CancellationToken.None);

        var plan = Assert.Single(await f.Service.PreviewAsync(null, CancellationToken.None));

        Assert.Equal([comet], plan.Stories.Select(x => x.Id));
    }
}
