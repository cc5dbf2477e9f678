using System.CommandLine;
using System.Globalization;
using Salient.Cli;
using Salient.Stories;

namespace Salient.Bench.Stories;

/// <summary>
/// <c>eval threads</c>: the AllSides gold stories replayed as stories and linked into threads by the pipeline's rule; a
/// linked pair of stories that shares no gold topic is an error.
/// </summary>
internal static class ThreadTools
{
    public static Command Eval()
    {
        var gold = AllSidesGold.Options.Create();
        var months = new Option<string?>("--months") { Description = "Only the gold stories of these months, e.g. 2021-04,2021-05 (default: all); term weights are taken over them alone." };
        var cmd = new Command("threads",
            "Precision of threads on the AllSides gold stories: of the pairs of stories the rule links, and of the pairs filed in one thread, " +
            "the share that share a gold topic; with the chance rate and the rule with each floor moved.")
        {
            gold.Data, gold.Cache, gold.Examples, months,
        };
        cmd.SetAction((parse, ct) =>
        {
            if (gold.DataPath(parse) is not { } path)
            {
                return Task.FromResult(2);
            }
            HashSet<string>? wanted = null;
            if (parse.GetValue(months) is { } monthList)
            {
                wanted = monthList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                if (wanted.FirstOrDefault(m => !DateTime.TryParseExact(m, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) is { } bad)
                {
                    Console.Error.WriteLine($"salient-bench: --months: \"{bad}\" is not a month; give months as yyyy-MM, separated by commas (e.g. 2021-04,2021-05)");
                    return Task.FromResult(2);
                }
            }
            var stories = AllSidesGold.Load(path, parse.GetValue(gold.Cache), ct);
            if (wanted is not null)
            {
                stories = [.. stories.Where(g => wanted.Contains(DateTimeOffset.FromUnixTimeMilliseconds(g.Time).UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)))];
            }
            // A gold story is a story: its headline is the written title, its representative article's title the other one.
            var profiles = stories.Select(g => ThreadProfile.Of(g.Profile.Id, g.Profile.Unit, g.Time, g.Time, g.Headline ?? g.Title, g.Title, null)!).ToList();
            // As the pipeline links them: each story when it is first scored (its first article alone, no written title yet),
            // and again each time it is scored after it grew (one more article, the headline as its written title); the last
            // of these is the story as it finally stands.
            var growing = stories.SelectMany(g => g.Growth.Select((stage, k) => ThreadProfile.Of(g.Profile.Id, stage.Centroid, g.Time, g.Time,
                k == 0 && g.Growth.Count > 1 ? null : g.Headline ?? g.Title, stage.RepTitle, null))).OfType<ThreadProfile>().ToList();
            var byId = stories.ToDictionary(g => g.Profile.Id);
            var counts = new TermCounts();
            profiles.ForEach(p => counts.Add(p.Terms));
            var ic = CultureInfo.InvariantCulture;
            Console.WriteLine($"{stories.Count} gold stories{(parse.GetValue(months) is { } m ? $" of {m}" : "")} from {path}; titles: the story's headline and its representative article's title; IDF over all of them");
            var (chancePairs, chanceRight) = Chance(profiles, byId, ThreadRule.HorizonMs);
            Console.WriteLine(string.Create(ic, $"chance: {(double)chanceRight / Math.Max(1, chancePairs):0.000} of the {chancePairs} pairs within 30 days share a gold topic"));
            Console.WriteLine($"replays: \"once\" links each story once as it finally stands; \"growing\" links it as the pipeline does, when first scored and again after each of its {growing.Count - profiles.Count} later articles");
            var rules = new (string Name, ThreadSettings Settings, bool Growing)[]
            {
                ("pipeline's rule (cosine >= 0.5, title names >= 0.2, 30 days, matching the thread's 3 nearest members), growing, a story leaves a thread it no longer matches", ThreadSettings.Default, true),
                ("  the same, growing, a story stays in its thread forever (before)", ThreadSettings.Default with { Leave = false }, true),
                ("  the same, once (each story linked once: never left)", ThreadSettings.Default, false),
                ("  chain rule (a link to any member is enough)", ThreadSettings.Default with { Recent = 0 }, true),
                ("  chain rule, horizon 7 days", ThreadSettings.Default with { Recent = 0, HorizonMs = 7 * 86_400_000L }, true),
                ("  and linked to a majority of those 3", ThreadSettings.Default with { Majority = true }, true),
                ("  the thread's 2 nearest members", ThreadSettings.Default with { Recent = 2 }, true),
                ("  the thread's 5 nearest members", ThreadSettings.Default with { Recent = 5 }, true),
                ("  cosine floor 0.45", ThreadSettings.Default with { MinSimilarity = 0.45 }, true),
                ("  cosine floor 0.6", ThreadSettings.Default with { MinSimilarity = 0.6 }, true),
                ("  title floor 0.1", ThreadSettings.Default with { MinLexical = 0.1 }, true),
                ("  title floor 0.3", ThreadSettings.Default with { MinLexical = 0.3 }, true),
                ("  without the title floor (cosine alone)", ThreadSettings.Default with { MinLexical = double.NegativeInfinity }, true),
                ("  horizon 7 days", ThreadSettings.Default with { HorizonMs = 7 * 86_400_000L }, true),
            };
            foreach (var (name, settings, grows) in rules)
            {
                // A link: a pair of stories the rule links, as they finally stand, that end in one thread (under the chain rule, every pair it links).
                var left = 0;
                var replay = ThreadRule.Replay(grows ? growing : profiles, counts, settings, d => left += d.Left is null ? 0 : 1);
                var links = new List<(ThreadProfile A, ThreadProfile B)>();
                for (var i = 0; i < profiles.Count; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (replay[profiles[i].Id] == replay[profiles[j].Id] && ThreadRule.Links(profiles[i], profiles[j], counts, settings))
                        {
                            links.Add((profiles[i], profiles[j]));
                        }
                    }
                }
                var right = links.Count(l => byId[l.A.Id].Topics.Overlaps(byId[l.B.Id].Topics));
                var threads = replay.GroupBy(kv => kv.Value).Where(g => g.Count() > 1).Select(g => g.Select(kv => kv.Key).ToList()).ToList();
                long threadPairs = 0, threadRight = 0;
                foreach (var t in threads)
                {
                    for (var i = 0; i < t.Count; i++)
                    {
                        for (var j = 0; j < i; j++)
                        {
                            threadPairs++;
                            threadRight += byId[t[i]].Topics.Overlaps(byId[t[j]].Topics) ? 1 : 0;
                        }
                    }
                }
                var days = links.Count == 0 ? 0 : links.Average(l => Math.Abs(l.A.FirstPublished - l.B.FirstPublished) / 86_400_000.0);
                Console.WriteLine(string.Create(ic,
                    $"{name}: linked pairs {links.Count}, precision {(links.Count == 0 ? 0 : (double)right / links.Count):0.000} ({right}/{links.Count}), mean {days:0.0} days apart; " +
                    $"threads {threads.Count} holding {threads.Sum(t => t.Count)} stories (largest {(threads.Count == 0 ? 0 : threads.Max(t => t.Count))}), " +
                    $"pairs within a thread {threadPairs}, precision {(threadPairs == 0 ? 0 : (double)threadRight / threadPairs):0.000}; a story left its thread {left} times"));
                if (name == rules[0].Name)
                {
                    foreach (var (a, b) in links.Where(l => !byId[l.A.Id].Topics.Overlaps(byId[l.B.Id].Topics)).Take(parse.GetValue(gold.Examples)))
                    {
                        Console.WriteLine($"    error: \"{byId[a.Id].Title}\" [{string.Join(", ", byId[a.Id].Topics)}] ~ \"{byId[b.Id].Title}\" [{string.Join(", ", byId[b.Id].Topics)}]");
                    }
                    foreach (var (a, b) in links.Where(l => Math.Abs(l.A.FirstPublished - l.B.FirstPublished) > 3 * 86_400_000L).Take(parse.GetValue(gold.Examples)))
                    {
                        Console.WriteLine(string.Create(ic, $"    linked {Math.Abs(a.FirstPublished - b.FirstPublished) / 86_400_000.0:0} days apart: \"{byId[b.Id].Title}\" → \"{byId[a.Id].Title}\""));
                    }
                }
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    /// <summary>How many pairs of stories within the horizon there are and how many of them share a gold topic: what a rule linking at random would score.</summary>
    private static (long Pairs, long Right) Chance(List<ThreadProfile> profiles, Dictionary<long, AllSidesGold.GoldStory> byId, long horizon)
    {
        long pairs = 0, right = 0;
        for (var i = 0; i < profiles.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (ThreadRule.Gap(profiles[i], profiles[j]) <= horizon)
                {
                    pairs++;
                    right += byId[profiles[i].Id].Topics.Overlaps(byId[profiles[j].Id].Topics) ? 1 : 0;
                }
            }
        }
        return (pairs, right);
    }
}
