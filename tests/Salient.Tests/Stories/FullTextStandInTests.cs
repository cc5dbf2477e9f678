using Salient.Bench.Stories;
using Salient.Stories;

namespace Salient.Tests.Stories;

/// <summary>The full-text stand-in of <c>eval cluster</c>: which paragraphs an article's body is made of.</summary>
public sealed class FullTextStandInTests
{
    private static NeusCluster Event(string id, string place, string figure) => new(id, "val",
        [
            (0, $"Flood hits {place}", $"Rivers burst their banks in {place} on Monday, and {figure} homes were flooded, officials said."),
            (1, $"{place} under water", $"Rescue crews in {place} worked through the night after {figure} homes were flooded by the river."),
            (2, $"Why {place} flooded again", $"The mayor of {place} blamed old levees for the flooding of {figure} homes on Monday night."),
        ],
        $"{place} floods", $"Floods struck {place} on Monday. Officials said {figure} homes were flooded and crews were rescuing residents.");

    private static readonly NeusCluster[] Events =
    [
        Event("e1", "Ardenvale", "4,512"), Event("e2", "Brookmere", "2,210"), Event("e3", "Caldwick", "1,375"),
        Event("e4", "Dunmore", "980"), Event("e5", "Eastleigh", "3,001"), Event("e6", "Fernhill", "640"), Event("e7", "Glenrock", "7,777"),
    ];

    [Fact]
    public void The_harsh_stand_in_never_tells_an_articles_own_event_after_its_lead()
    {
        var records = FullTextStandIn.Make(Events, Events, seed: 3);

        foreach (var r in records.Where(r => r.Gold == "e1"))
        {
            var text = r.Text!;
            var afterLead = text[(text.IndexOf("Ardenvale", StringComparison.Ordinal) + 10)..];
            Assert.DoesNotContain("Ardenvale", afterLead, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_kinder_stand_in_tells_each_articles_own_event_again_from_its_other_reports_and_summary()
    {
        var records = FullTextStandIn.Make(Events, Events, seed: 3, ownShare: 1);

        foreach (var r in records.Where(r => r.Gold == "e1"))
        {
            // The article's own lead comes first, before the body tells the others.
            var text = r.Text!;
            var lead = Events[0].Articles.MinBy(a => text.IndexOf(a.Text, StringComparison.Ordinal) is var i and >= 0 ? i : int.MaxValue).Text;
            var rest = text.Replace(lead, "", StringComparison.Ordinal);
            // Every other report's sentence and the summary's sentences of 40 characters or more, each once.
            Assert.All(Events[0].Articles.Select(a => a.Text).Where(t => t != lead), t => Assert.Equal(1, Count(rest, t)));
            Assert.Equal(1, Count(rest, "Officials said 4,512 homes were flooded and crews were rescuing residents."));
        }
    }

    [Fact]
    public void An_opinion_share_closes_that_share_of_articles_with_a_disclaimer_and_changes_nothing_else()
    {
        var plain = FullTextStandIn.Make(Events, Events, seed: 3);
        var none = FullTextStandIn.Make(Events, Events, seed: 3, opinionShare: 0);
        var all = FullTextStandIn.Make(Events, Events, seed: 3, opinionShare: 1);

        Assert.Equal(plain.Select(r => r.Text), none.Select(r => r.Text));
        Assert.All(plain.Zip(all), p =>
        {
            Assert.StartsWith(p.First.Text!, p.Second.Text!, StringComparison.Ordinal);
            Assert.Equal(ArticleKind.Report, ArticleKinds.Of(p.First.Title, p.First.Url, p.First.Text));
            Assert.Equal(ArticleKind.Opinion, ArticleKinds.Of(p.Second.Title, p.Second.Url, p.Second.Text));
        });
    }

    [Theory]
    [InlineData("--opinion-share", "1.5", "--full-text", "1", "--opinion-share 1.5 is not a share; give one from 0 to 1, such as 0.1")]
    [InlineData("--opinion-share", "NaN", "--full-text", "1", "--opinion-share NaN is not a share; give one from 0 to 1, such as 0.1")]
    [InlineData("--opinion-share", "0.1", "--seed", "1", "--own-share and --opinion-share shape the full-text stand-in; give --full-text SEED with them")]
    [InlineData("--own-share", "-1", "--full-text", "1", "--own-share -1 is not a share; give one from 0 to 1, such as 0.5")]
    public async Task A_share_of_the_stand_in_that_is_none_or_without_full_text_is_refused_naming_it(string option, string value, string other, string otherValue, string message)
    {
        using var dir = new Salient.Tests.Support.TempDir();
        var (exit, lines, stderr) = await Salient.Tests.Support.SalientProcess.RunAsync(["eval", "cluster", "--data", dir.File("neus.jsonl"), option, value, other, otherValue]);

        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Salient.Tests.Support.SalientProcess.NoStackTrace(stderr);
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }
}
