using System.CommandLine;
using System.Globalization;
using Salient.Cli;
using Salient.Stories;

namespace Salient.Bench.Stories;

/// <summary>
/// <c>eval related</c>: the AllSides gold stories replayed as stories, each given its "More on this topic" list by the
/// site's rule; a listed story that shares no gold topic with the story is an error, and, with the gold threads, one that
/// shares neither a gold topic nor a labelled thread (both precisions are printed).
/// </summary>
internal static class RelatedTools
{
    private const long KeptMs = 4 * 24 * 3_600_000L;

    public static Command Eval()
    {
        var gold = AllSidesGold.Options.Create();
        var cmd = new Command("related",
            "Precision and coverage of \"More on this topic\" on the AllSides gold stories: a listed story sharing no gold topic with the story is an error " +
            "(by topics), or sharing neither a gold topic nor a labelled gold thread (by topics or threads, with --threads or the repository's labels). " +
            "Prints the site's rule, the rule before (centroid cosine alone) and the rule without each of its parts.")
        {
            gold.Data, gold.Cache, gold.Examples, gold.Months, gold.TitleNames, gold.Threads,
        };
        cmd.SetAction((parse, ct) =>
        {
            if (gold.NameMode(parse) is not { } mode || !gold.TryMonths(parse, out var wanted) || !gold.TryThreads(parse, out var threads)
                || gold.DataPath(parse) is not { } path)
            {
                return Task.FromResult(2);
            }
            var stories = AllSidesGold.Options.InMonths(AllSidesGold.Load(path, parse.GetValue(gold.Cache), ct, mode), wanted);
            Console.WriteLine($"{stories.Count} gold stories{(parse.GetValue(gold.Months) is { } m ? $" of {m}" : "")} from {path} (names in titles: --title-names {parse.GetValue(gold.TitleNames)}); each listed at most 5 related stories with an article at most 48 h before its newest and at most 48 h after");
            Console.WriteLine(GoldThreads.Describe(threads));
            var rules = new (string Name, RelatedSettings Settings)[]
            {
                ("before: centroid cosine >= 0.45 alone", RelatedSettings.CosineOnly),
                ("site's rule (cosine, names and words, desks and countries)", RelatedSettings.Default),
                ("  without desks and countries", RelatedSettings.Default with { Sections = false }),
                ("  without the lexical floor", RelatedSettings.Default with { MinLexical = double.NegativeInfinity }),
                ("  cosine floor 0.5 instead of 0.45", RelatedSettings.Default with { MinSimilarity = 0.5 }),
            }.Concat(new[] { 0.05, 0.1, 0.15, 0.2, 0.25, 0.3 }.Where(f => f != RelatedRule.MinLexical).Select(f =>
                (string.Create(CultureInfo.InvariantCulture, $"  lexical floor {f} instead of {RelatedRule.MinLexical}"), RelatedSettings.Default with { MinLexical = f })))
            .ToArray();
            foreach (var (name, settings) in rules)
            {
                var (listed, wrong, wrongEither, covered, errors) = Measure(stories, settings, threads);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: precision {(listed == 0 ? 0 : 1 - (double)wrong / listed):0.000} ({listed - wrong}/{listed} listed share a gold topic)" +
                    $"{(threads is null ? "" : string.Create(CultureInfo.InvariantCulture, $", by topics or threads {(listed == 0 ? 0 : 1 - (double)wrongEither / listed):0.000} ({listed - wrongEither}/{listed} share a gold topic or thread)"))}" +
                    $", coverage {(double)covered / stories.Count:0.000} ({covered}/{stories.Count} stories list at least one), mean listed {(double)listed / stories.Count:0.00}"));
                if (ReferenceEquals(settings, RelatedSettings.Default) || ReferenceEquals(settings, RelatedSettings.CosineOnly))
                {
                    foreach (var (story, related) in errors.Take(parse.GetValue(gold.Examples)))
                    {
                        Console.WriteLine($"    error{(threads is null ? "" : " (no gold topic or thread shared)")}: \"{story.Title}\" [{string.Join(", ", story.Topics)}] lists \"{related.Title}\" [{string.Join(", ", related.Topics)}]");
                    }
                }
            }
            Console.WriteLine("Desks and countries come from the product's tagger (the shipped classifier over the centroid and the gazetteer, with the outlets' desks and countries from the default list); " +
                "terms from the representative article's title and lead; IDF over all the gold stories (the site's window holds thousands of stories; these data about three a day).");
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    /// <summary>
    /// Lists each story's related stories by <paramref name="settings"/>: how many were listed, how many share no gold topic
    /// (<c>Wrong</c>), how many share neither a gold topic nor a thread of <paramref name="threads"/> (<c>WrongEither</c>; as
    /// <c>Wrong</c> without threads), how many stories list one, and the errors (by topics or threads).
    /// </summary>
    internal static (int Listed, int Wrong, int WrongEither, int Covered, List<(AllSidesGold.GoldStory Story, AllSidesGold.GoldStory Related)> Errors) Measure(
        List<AllSidesGold.GoldStory> stories, RelatedSettings settings, GoldThreads? threads)
    {
        var byId = stories.ToDictionary(s => s.Profile.Id);
        // The site weighs terms over the thousands of stories of its last four days; these data hold about three a day,
        // too few to tell a common name from a rare one, so every gold story counts towards the weights.
        var counts = TermCounts.Of(stories.Select(s => s.Profile));
        int listed = 0, wrong = 0, wrongEither = 0, covered = 0;
        var errors = new List<(AllSidesGold.GoldStory, AllSidesGold.GoldStory)>();
        foreach (var s in stories)
        {
            // The site keeps the stories of the last four days; a reader looks at a story within its two days of news.
            var kept = stories.Where(o => o.Time >= s.Time - KeptMs && o.Time <= s.Time + RelatedRule.WindowMs).Select(o => o.Profile).ToList();
            var ids = RelatedRule.Nearest(s.Profile, kept, counts, 5, settings);
            listed += ids.Count;
            covered += ids.Count > 0 ? 1 : 0;
            foreach (var id in ids)
            {
                var r = byId[id];
                if (r.Id == s.Id)
                {
                    continue;
                }
                wrong += r.Topics.Overlaps(s.Topics) ? 0 : 1;
                if (!GoldThreads.Right(threads, s.Id, s.Topics, r.Id, r.Topics))
                {
                    wrongEither++;
                    errors.Add((s, r));
                }
            }
        }
        return (listed, wrong, wrongEither, covered, errors);
    }
}
