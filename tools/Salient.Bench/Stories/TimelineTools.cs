using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Storage;
using Salient.Stories;

namespace Salient.Bench.Stories;

/// <summary>
/// <c>eval timeline</c>: how a story page splits a story into developments, on the AllSides gold stories. Each gold story
/// tells one event; consecutive gold stories of one AllSides topic 1 to 5 days apart are a story and its next development.
/// Joined cases (a gold story with the next of its topic, and some chains of three) are one story as grouping keeps a
/// thread's next day; single cases are one gold story (ideally one development). Developments are scored against the
/// gold stories over the articles (B-cubed), by whether a development begins exactly where each gold story begins, and
/// by how many single stories are split.
/// </summary>
internal static class TimelineTools
{
    private sealed record GoldArticle(int Index, string Story, DateTimeOffset At, string Title, string Lead, string? Source, string Topic);

    private sealed record Case(List<List<GoldArticle>> Stories);

    private sealed record Scores(double P, double R, double F1, int Boundaries, int BoundariesHit, int Joined, int JoinedExact, int Singles, int SinglesSplit, int SpreadSingles, int SpreadSplit);

    public static Command Eval()
    {
        var data = new Option<string?>("--data") { Description = "allsides_2021_articles.jsonl (default: the shared data beside the repository)." };
        var pairs = new Option<int>("--pairs") { Description = "How many joined cases (pairs and chains of three) to score, drawn with --seed (0: all).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "The seed that draws the joined cases when --pairs is given.", DefaultValueFactory = _ => 1 };
        var examples = new Option<int>("--examples") { Description = "How many errors of the product's rule to print (a missed boundary, a split story).", DefaultValueFactory = _ => 5 };
        var months = new Option<string?>("--months") { Description = "Only cases whose first gold story is of these months, e.g. 2021-04,2021-05 (default: all)." };
        var spread = new Option<double>("--spread-hours")
        {
            Description = "Single stories are also scored with their articles spread out, the k-th this many hours after the first (AllSides gives one time per story, so as given no time-based rule can split one).",
            DefaultValueFactory = _ => 6,
        };
        var cmd = new Command("timeline",
            "Developments of a story's timeline against the AllSides gold stories: a gold story joined with the next of its topic (1-5 days later) should split where the next begins; a single gold story should not split.")
        {
            data, pairs, seed, examples, months, spread,
        };
        cmd.SetAction((parse, ct) =>
        {
            var n = parse.GetValue(pairs);
            if (n < 0)
            {
                throw new UsageException($"--pairs {n} is not a count; give how many joined cases to score, or 0 for all");
            }
            var k = parse.GetValue(examples);
            if (k < 0)
            {
                throw new UsageException($"--examples {k} is not a count; give how many errors to print, 0 or more");
            }
            var spreadHours = parse.GetValue(spread);
            if (!(spreadHours >= 0 && spreadHours <= 24 * 30))
            {
                throw new UsageException($"--spread-hours {spreadHours.ToString(CultureInfo.InvariantCulture)} is not a span; give hours from 0 to 720, such as 6");
            }
            HashSet<string>? wanted = null;
            if (parse.GetValue(months) is { } monthList)
            {
                wanted = monthList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                if (wanted.Count == 0 || wanted.FirstOrDefault(m => !DateTime.TryParseExact(m, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) is { } bad)
                {
                    throw new UsageException($"--months: \"{monthList}\" is not a list of months; give months as yyyy-MM, separated by commas (e.g. 2021-04,2021-05)");
                }
            }
            var path = parse.GetValue(data) ?? SharedDataFolder.Find(Path.Combine("allsides_neus", "allsides_2021_articles.jsonl"));
            if (path is null || !File.Exists(path))
            {
                throw new UsageException($"{(path is null ? "allsides_2021_articles.jsonl was not found beside the repository" : $"--data '{path}' does not exist")}; give the AllSides articles file with --data");
            }
            var stories = Read(path);
            var (singles, joined) = Cases(stories, wanted);
            if (n > 0 && n < joined.Count)
            {
                var rng = new Random(parse.GetValue(seed));
                joined = joined.OrderBy(_ => rng.Next()).Take(n).OrderBy(c => c.Stories[0][0].At).ToList();
            }
            Console.WriteLine($"{stories.Count} gold stories from {path}{(wanted is null ? "" : $" ({string.Join(',', wanted.Order(StringComparer.Ordinal))})")}: " +
                $"{joined.Count(c => c.Stories.Count == 2)} pairs and {joined.Count(c => c.Stories.Count == 3)} chains of three of one topic 1-5 days apart, {singles.Count} single stories " +
                $"(also scored with their articles {spreadHours.ToString(CultureInfo.InvariantCulture)} h apart)");
            Console.WriteLine("B3 is over the joined cases' articles; boundaries: gold stories after the first that begin a development; exact: joined cases split exactly as gold; split: single stories in more than one development");
            var rules = new List<(string Name, TimelineRule Rule, bool Leads)>
            {
                ("before: headlines only, names from sentence-case headlines", TimelineRule.HeadlinesOnly, false),
                ("  + names in Title Case headlines from the story's sentence-case headlines", TimelineRule.HeadlinesOnly with { TitleCaseNames = true }, false),
                ("  + names in Title Case headlines from the leads too", TimelineRule.HeadlinesOnly with { TitleCaseNames = true }, true),
                ("  + earlier leads' words count as known", TimelineRule.HeadlinesOnly with { TitleCaseNames = true, LeadKnown = true }, true),
                ("product's rule (+ a new development when most of the headline's words are new 18 h on)", TimelineRule.Default, true),
                ("  product's rule without leads (articles with no excerpt)", TimelineRule.Default, false),
                ("  product's rule + numbers and names of the lead's first sentence", TimelineRule.Default with { LeadFacts = true }, true),
                ("  product's rule, earlier leads not known", TimelineRule.Default with { LeadKnown = false }, true),
            };
            foreach (var gap in new[] { 12, 18, 24 })
            {
                foreach (var share in new[] { 0.5, 0.6, 0.7, 0.8 })
                {
                    rules.Add(($"  shift {gap} h, share {share.ToString(CultureInfo.InvariantCulture)}", TimelineRule.Default with { ShiftGap = TimeSpan.FromHours(gap), ShiftShare = share }, true));
                }
            }
            rules.Add(("  min gap 1 h", TimelineRule.Default with { MinGap = TimeSpan.FromHours(1) }, true));
            rules.Add(("  min gap 6 h", TimelineRule.Default with { MinGap = TimeSpan.FromHours(6) }, true));
            foreach (var (name, rule, leads) in rules)
            {
                ct.ThrowIfCancellationRequested();
                var s = Score(joined, singles, rule, leads, spreadHours);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: B3 P {s.P:0.000} R {s.R:0.000} F1 {s.F1:0.000} | boundaries {s.BoundariesHit}/{s.Boundaries} ({Share(s.BoundariesHit, s.Boundaries)}) | exact {s.JoinedExact}/{s.Joined} ({Share(s.JoinedExact, s.Joined)}) | " +
                    $"split {s.SinglesSplit}/{s.Singles} ({Share(s.SinglesSplit, s.Singles)}), spread {s.SpreadSplit}/{s.SpreadSingles} ({Share(s.SpreadSplit, s.SpreadSingles)})"));
            }
            PrintExamples(joined, singles, k, spreadHours);
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    private static string Share(int part, int whole) => whole == 0 ? "-" : ((double)part / whole).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The gold stories of the file, each with its articles in file order, oldest story first.</summary>
    private static List<List<GoldArticle>> Read(string path)
    {
        var articles = new List<GoldArticle>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            try
            {
                using var doc = JsonDocument.Parse(text);
                var e = doc.RootElement;
                var story = Str(e, "story_id") ?? throw new UsageException($"{path}, line {line}: no story_id; give the AllSides articles file (allsides_2021_articles.jsonl)");
                var date = Str(e, "date") is { } d && DateTimeOffset.TryParse(d, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at
                    : throw new UsageException($"{path}, line {line}: no date or not a date; every article needs its AllSides date");
                articles.Add(new GoldArticle(articles.Count, story, date, Str(e, "title") ?? "", Str(e, "lead") ?? "", Str(e, "source"), Str(e, "allsides_topic") ?? ""));
            }
            catch (JsonException ex)
            {
                throw new UsageException($"{path}, line {line}: not JSON ({ex.Message}); give the AllSides articles file, one article a line");
            }
            catch (InvalidOperationException)
            {
                throw new UsageException($"{path}, line {line}: not an AllSides article (an object with story_id, date, title, lead, allsides_topic)");
            }
        }
        if (articles.Count == 0)
        {
            throw new UsageException($"{path} holds no articles; give the AllSides articles file (allsides_2021_articles.jsonl)");
        }
        return articles.GroupBy(a => a.Story, StringComparer.Ordinal).Select(g => g.ToList()).OrderBy(g => g.Min(a => a.At)).ThenBy(g => g[0].Index).ToList();
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Single cases (every gold story) and joined ones: each gold story with the next of its topic 1-5 days later, and with the one after that when it too follows within 1-5 days.</summary>
    private static (List<Case> Singles, List<Case> Joined) Cases(List<List<GoldArticle>> stories, HashSet<string>? wanted)
    {
        bool InMonths(List<GoldArticle> s) => wanted is null || wanted.Contains(s[0].At.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        static bool Follows(List<GoldArticle> a, List<GoldArticle> b) => b[0].At - a[0].At is var gap && gap >= TimeSpan.FromDays(1) && gap <= TimeSpan.FromDays(5);
        var singles = stories.Where(InMonths).Select(s => new Case([s])).ToList();
        var joined = new List<Case>();
        foreach (var topic in stories.Where(s => s[0].Topic.Length > 0).GroupBy(s => s[0].Topic, StringComparer.OrdinalIgnoreCase))
        {
            var list = topic.ToList();
            for (var i = 0; i + 1 < list.Count; i++)
            {
                if (!InMonths(list[i]) || !Follows(list[i], list[i + 1]))
                {
                    continue;
                }
                joined.Add(new Case([list[i], list[i + 1]]));
                if (i + 2 < list.Count && Follows(list[i + 1], list[i + 2]))
                {
                    joined.Add(new Case([list[i], list[i + 1], list[i + 2]]));
                }
            }
        }
        return (singles, joined.OrderBy(c => c.Stories[0][0].At).ToList());
    }

    /// <summary>A case's articles as the story page lists them: ids in the data's order, the real dates (or spread ones), leads when given.</summary>
    private static List<ArticleCard> Cards(Case c, bool leads, double spreadHours = 0)
    {
        var cards = new List<ArticleCard>();
        foreach (var story in c.Stories)
        {
            for (var j = 0; j < story.Count; j++)
            {
                var a = story[j];
                cards.Add(new ArticleCard(a.Index, a.Title, null, a.Source, null, a.At.AddHours(j * spreadHours), 1, null) { Lead = leads ? a.Lead : null });
            }
        }
        return cards;
    }

    private static Scores Score(List<Case> joined, List<Case> singles, TimelineRule rule, bool leads, double spreadHours)
    {
        double p = 0, r = 0;
        var count = 0;
        int boundaries = 0, hit = 0, exact = 0;
        foreach (var c in joined)
        {
            var developments = StoryTimeline.Build(Cards(c, leads), rule);
            var devOf = new Dictionary<long, int>();
            for (var d = 0; d < developments.Count; d++)
            {
                foreach (var a in developments[d].Articles)
                {
                    devOf[a.Id] = d;
                }
            }
            var goldOf = c.Stories.SelectMany((s, g) => s.Select(a => (a.Index, g))).ToDictionary(x => (long)x.Index, x => x.g);
            foreach (var (id, g) in goldOf)
            {
                var same = goldOf.Count(x => x.Value == g && devOf[x.Key] == devOf[id]);
                p += (double)same / devOf.Count(x => x.Value == devOf[id]);
                r += (double)same / goldOf.Count(x => x.Value == g);
                count++;
            }
            var starts = developments.Select(d => d.FirstReport.Id).ToHashSet();
            var goldStarts = c.Stories.Skip(1).Select(s => (long)s[0].Index).ToList();
            boundaries += goldStarts.Count;
            hit += goldStarts.Count(starts.Contains);
            if (developments.Count == c.Stories.Count && goldStarts.All(starts.Contains))
            {
                exact++;
            }
        }
        p /= Math.Max(1, count);
        r /= Math.Max(1, count);
        var split = singles.Count(c => StoryTimeline.Build(Cards(c, leads), rule).Count > 1);
        var spreadSplit = singles.Count(c => StoryTimeline.Build(Cards(c, leads, spreadHours), rule).Count > 1);
        return new Scores(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), boundaries, hit, joined.Count, exact, singles.Count, split, singles.Count, spreadSplit);
    }

    private static void PrintExamples(List<Case> joined, List<Case> singles, int k, double spreadHours)
    {
        if (k == 0)
        {
            return;
        }
        Console.WriteLine($"errors of the product's rule (up to {k} of each kind):");
        var shown = 0;
        foreach (var c in joined)
        {
            var developments = StoryTimeline.Build(Cards(c, leads: true));
            var starts = developments.Select(d => d.FirstReport.Id).ToHashSet();
            if (c.Stories.Skip(1).All(s => starts.Contains(s[0].Index)) || shown++ >= k)
            {
                continue;
            }
            Console.WriteLine("  missed boundary:");
            Print(c, developments);
        }
        shown = 0;
        foreach (var c in singles)
        {
            var developments = StoryTimeline.Build(Cards(c, leads: true, spreadHours));
            if (developments.Count < 2 || shown++ >= k)
            {
                continue;
            }
            Console.WriteLine($"  single story split (articles {spreadHours.ToString(CultureInfo.InvariantCulture)} h apart):");
            Print(c, developments);
        }
    }

    private static void Print(Case c, IReadOnlyList<Development> developments)
    {
        var devOf = developments.SelectMany((d, i) => d.Articles.Select(a => (a.Id, i, d))).ToDictionary(x => x.Id, x => (x.i, x.d));
        foreach (var story in c.Stories)
        {
            foreach (var a in story)
            {
                var (i, d) = devOf[a.Index];
                var opens = d.FirstReport.Id == a.Index ? $" opens, new: {string.Join(", ", d.New)}" : "";
                Console.WriteLine($"    gold {a.Story} {a.At:yyyy-MM-dd HH:mm} dev {i + 1}{opens} | {a.Title}");
            }
        }
    }
}
