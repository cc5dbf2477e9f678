using System.CommandLine;
using System.Globalization;
using Salient.Cli;
using Salient.Stories;

namespace Salient.Bench.Stories;

/// <summary>
/// <c>eval threads</c>: the AllSides gold stories replayed as stories and linked into threads by the pipeline's rule; a
/// linked pair of stories that shares no gold topic is an error, and, with the gold threads, one that shares neither a
/// gold topic nor a labelled thread (both precisions are printed, with how many pairs of a gold thread the rule joins).
/// </summary>
internal static class ThreadTools
{
    public static Command Eval()
    {
        var gold = AllSidesGold.Options.Create();
        var errors = new Option<int>("--errors")
        {
            Description = "Print this many wrong links of the pipeline's rule (pairs sharing no gold topic) with both stories' dates, titles and gold topics and the evidence that linked them (default 0).",
        };
        var cmd = new Command("threads",
            "Precision of threads on the AllSides gold stories: of the pairs of stories the rule links, and of the pairs filed in one thread, " +
            "the share that share a gold topic (by topics) and that share a gold topic or a labelled gold thread (by topics or threads, with --threads or the repository's labels); " +
            "with the chance rate, how many pairs of a gold thread the rule puts in one thread, and the rule with each floor moved.")
        {
            gold.Data, gold.Cache, gold.Examples, gold.Months, gold.TitleNames, gold.Threads, errors,
        };
        cmd.SetAction((parse, ct) =>
        {
            if (parse.GetValue(errors) < 0)
            {
                Console.Error.WriteLine($"salient-bench: --errors: {parse.GetValue(errors)} is not a count; give how many wrong links to print, 0 or more");
                return Task.FromResult(2);
            }
            if (gold.NameMode(parse) is not { } mode || !gold.TryMonths(parse, out var wanted) || !gold.TryThreads(parse, out var goldThreads)
                || gold.DataPath(parse) is not { } path)
            {
                return Task.FromResult(2);
            }
            var stories = AllSidesGold.Options.InMonths(AllSidesGold.Load(path, parse.GetValue(gold.Cache), ct), wanted);
            // A gold story is a story: its headline is the written title, its representative article's title the other one.
            var profiles = stories.Select(g => ThreadProfile.Of(g.Profile.Id, g.Profile.Unit, g.Time, g.Time, g.Headline ?? g.Title, g.Title, null, AllSidesGold.Names(mode, $"{g.Headline ?? g.Title}\n{g.Title}", g.Lead))!).ToList();
            // As the pipeline links them: each story when it is first scored (its first article alone, no written title yet),
            // and again each time it is scored after it grew (one more article, the headline as its written title); the last
            // of these is the story as it finally stands.
            var growing = stories.SelectMany(g => g.Growth.Select((stage, k) => ThreadProfile.Of(g.Profile.Id, stage.Centroid, g.Time, g.Time,
                k == 0 && g.Growth.Count > 1 ? null : g.Headline ?? g.Title, stage.RepTitle, null, AllSidesGold.Names(mode, $"{g.Headline ?? g.Title}\n{stage.RepTitle}", stage.RepLead)))).OfType<ThreadProfile>().ToList();
            var byId = stories.ToDictionary(g => g.Profile.Id);
            // A pair is right by topics when it shares a gold topic; by topics or threads when it shares a labelled thread instead.
            bool Topic(long a, long b) => byId[a].Topics.Overlaps(byId[b].Topics);
            bool Right(long a, long b) => GoldThreads.Right(goldThreads, byId[a].Id, byId[a].Topics, byId[b].Id, byId[b].Topics);
            string Both(long right, long rightEither, long of) => string.Create(CultureInfo.InvariantCulture,
                $"{(of == 0 ? 0 : (double)right / of):0.000} ({right}/{of}){(goldThreads is null ? "" : string.Create(CultureInfo.InvariantCulture, $", by topics or threads {(of == 0 ? 0 : (double)rightEither / of):0.000} ({rightEither}/{of})"))}");
            var counts = new TermCounts();
            profiles.ForEach(p => counts.Add(p.Terms));
            var ic = CultureInfo.InvariantCulture;
            Console.WriteLine($"{stories.Count} gold stories{(parse.GetValue(gold.Months) is { } m ? $" of {m}" : "")} from {path}; titles: the story's headline and its representative article's title; IDF over all of them; " +
                $"names in titles: --title-names {parse.GetValue(gold.TitleNames)}");
            Console.WriteLine(GoldThreads.Describe(goldThreads));
            var (chancePairs, chanceRight, chanceEither) = Chance(profiles, Topic, Right, ThreadRule.HorizonMs);
            Console.WriteLine(string.Create(ic, $"chance: {(double)chanceRight / Math.Max(1, chancePairs):0.000} of the {chancePairs} pairs within 30 days share a gold topic{(goldThreads is null ? "" : string.Create(ic, $", {(double)chanceEither / Math.Max(1, chancePairs):0.000} a gold topic or thread"))}"));
            // The pairs of stories the gold threads hold: how many of them a rule puts in one thread.
            var goldPairs = new List<(long A, long B)>();
            for (var i = 0; i < profiles.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (goldThreads is not null && goldThreads.ShareThread(byId[profiles[i].Id].Id, byId[profiles[j].Id].Id))
                    {
                        goldPairs.Add((profiles[i].Id, profiles[j].Id));
                    }
                }
            }
            Console.WriteLine($"replays: \"once\" links each story once as it finally stands; \"growing\" links it as the pipeline does, when first scored and again after each of its {growing.Count - profiles.Count} later articles");
            var rules = new (string Name, ThreadSettings Settings, bool Growing)[]
            {
                ("pipeline's rule (cosine >= 0.6, title names >= 0.2, 30 days, matching the thread's 3 nearest members), growing, a story leaves a thread it no longer matches", ThreadSettings.Default, true),
                ("  the same, growing, a story stays in its thread forever (before)", ThreadSettings.Default with { Leave = false }, true),
                ("  the same, once (each story linked once: never left)", ThreadSettings.Default, false),
                ("  chain rule (a link to any member is enough)", ThreadSettings.Default with { Recent = 0 }, true),
                ("  chain rule, horizon 7 days", ThreadSettings.Default with { Recent = 0, HorizonMs = 7 * 86_400_000L }, true),
                ("  and linked to a majority of those 3", ThreadSettings.Default with { Majority = true }, true),
                ("  the thread's 2 nearest members", ThreadSettings.Default with { Recent = 2 }, true),
                ("  the thread's 5 nearest members", ThreadSettings.Default with { Recent = 5 }, true),
                ("  cosine floor 0.45", ThreadSettings.Default with { MinSimilarity = 0.45 }, true),
                ("  cosine floor 0.5 (before)", ThreadSettings.Default with { MinSimilarity = 0.5 }, true),
                ("  title floor 0.1", ThreadSettings.Default with { MinLexical = 0.1 }, true),
                ("  title floor 0.3", ThreadSettings.Default with { MinLexical = 0.3 }, true),
                ("  without the title floor (cosine alone)", ThreadSettings.Default with { MinLexical = double.NegativeInfinity }, true),
                ("  horizon 7 days", ThreadSettings.Default with { HorizonMs = 7 * 86_400_000L }, true),
                ("  staying floors below joining: cosine 0.45, names 0.15", ThreadSettings.Default with { StaySimilarity = 0.45, StayLexical = 0.15 }, true),
                ("  staying floors below joining: cosine 0.4, names 0.1", ThreadSettings.Default with { StaySimilarity = 0.4, StayLexical = 0.1 }, true),
                ("  staying: names 0.1 only", ThreadSettings.Default with { StayLexical = 0.1 }, true),
                ("  a leave needs two re-links in a row off the thread", ThreadSettings.Default with { LeaveAfter = 2 }, true),
                ("  staying while matching the thread as a whole (no link to one member needed)", ThreadSettings.Default with { StayByWhole = true }, true),
                ("  cosine + names at least 0.85 (weak evidence on one side made up on the other)", ThreadSettings.Default with { MinSum = 0.85 }, true),
                ("  cosine + names at least 0.9", ThreadSettings.Default with { MinSum = 0.9 }, true),
            };
            foreach (var (name, settings, grows) in rules)
            {
                // A link: a pair of stories the rule links, as they finally stand, that end in one thread (under the chain rule, every pair it links).
                var left = 0;
                var leavers = new Dictionary<long, int>();
                var leaves = new List<(long Story, List<long> Thread, long? To)>();
                var replay = ThreadRule.Replay(grows ? growing : profiles, counts, settings, (story, d, among) =>
                {
                    if (d.Left is { } from)
                    {
                        left++;
                        leavers[story.Id] = leavers.GetValueOrDefault(story.Id) + 1;
                        leaves.Add((story.Id, [.. among.Where(o => o.ThreadId == from).Select(o => o.Id)], d.Thread));
                    }
                });
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
                var right = links.Count(l => Topic(l.A.Id, l.B.Id));
                var rightEither = links.Count(l => Right(l.A.Id, l.B.Id));
                var threads = replay.GroupBy(kv => kv.Value).Where(g => g.Count() > 1).Select(g => g.Select(kv => kv.Key).ToList()).ToList();
                long threadPairs = 0, threadRight = 0, threadEither = 0;
                foreach (var t in threads)
                {
                    for (var i = 0; i < t.Count; i++)
                    {
                        for (var j = 0; j < i; j++)
                        {
                            threadPairs++;
                            threadRight += Topic(t[i], t[j]) ? 1 : 0;
                            threadEither += Right(t[i], t[j]) ? 1 : 0;
                        }
                    }
                }
                var days = links.Count == 0 ? 0 : links.Average(l => Math.Abs(l.A.FirstPublished - l.B.FirstPublished) / 86_400_000.0);
                Console.WriteLine(string.Create(ic,
                    $"{name}: linked pairs {links.Count}, precision {Both(right, rightEither, links.Count)}, mean {days:0.0} days apart; " +
                    $"threads {threads.Count} holding {threads.Sum(t => t.Count)} stories (largest {(threads.Count == 0 ? 0 : threads.Max(t => t.Count))}), " +
                    $"pairs within a thread {threadPairs}, precision {Both(threadRight, threadEither, threadPairs)}; a story left its thread {left} times" +
                    $"{(goldThreads is null ? "" : $"; gold-thread pairs in one thread {goldPairs.Count(p => replay[p.A] == replay[p.B])}/{goldPairs.Count}")}"));
                if (name == rules[0].Name)
                {
                    foreach (var (a, b) in links.Where(l => !Right(l.A.Id, l.B.Id)).Take(parse.GetValue(gold.Examples)))
                    {
                        Console.WriteLine($"    error{(goldThreads is null ? "" : " (no gold topic or thread shared)")}: \"{byId[a.Id].Title}\" [{string.Join(", ", byId[a.Id].Topics)}] ~ \"{byId[b.Id].Title}\" [{string.Join(", ", byId[b.Id].Topics)}]");
                    }
                    var wrong = links.Where(l => !Right(l.A.Id, l.B.Id)).ToList();
                    if (parse.GetValue(errors) > 0)
                    {
                        Console.WriteLine(string.Create(ic, $"  wrong links{(goldThreads is null ? "" : " (no gold topic or thread shared)")} ({wrong.Count}, of which {wrong.Count(l => leavers.ContainsKey(l.A.Id) || leavers.ContainsKey(l.B.Id))} with a story that left a thread in the replay), older story first:"));
                        foreach (var (a, b) in wrong.Take(parse.GetValue(errors)))
                        {
                            ExplainLink(b, a, byId, counts, replay, leavers);
                        }
                        // Each leave: whether the story shared a gold topic with the thread it left (a leave that loses a right story).
                        var shared = leaves.Count(l => l.Thread.Any(t => Topic(t, l.Story)));
                        Console.WriteLine($"  leaves ({leaves.Count}; {shared} by a story sharing a gold topic with a story of the thread it left):");
                        foreach (var (story, thread, to) in leaves.Take(parse.GetValue(errors)))
                        {
                            var g = byId[story];
                            Console.WriteLine(string.Create(ic, $"    {DateTimeOffset.FromUnixTimeMilliseconds(g.Time).UtcDateTime:yyyy-MM-dd} \"{g.Headline ?? g.Title}\" [{string.Join(", ", g.Topics)}] left " +
                                $"{{{string.Join("; ", thread.Select(t => $"\"{byId[t].Headline ?? byId[t].Title}\" [{string.Join(", ", byId[t].Topics)}]"))}}}{(to is null ? "" : ", joined another")}; " +
                                $"now in {(replay[story] == story && replay.Count(kv => kv.Value == story) == 1 ? "none" : $"a thread of {replay.Count(kv => kv.Value == replay[story])}")}"));
                        }
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

    /// <summary>
    /// One wrong link: both stories' dates, headlines and gold topics, the evidence that linked them (centroid cosine, title
    /// names cosine and the shared terms that weigh most in it), their thread and whether either left a thread while growing.
    /// </summary>
    private static void ExplainLink(ThreadProfile older, ThreadProfile newer, Dictionary<long, AllSidesGold.GoldStory> byId, TermCounts counts,
        Dictionary<long, long> replay, Dictionary<long, int> leavers)
    {
        var ic = CultureInfo.InvariantCulture;
        string Line(ThreadProfile p) =>
            $"{DateTimeOffset.FromUnixTimeMilliseconds(p.FirstPublished).UtcDateTime:yyyy-MM-dd} \"{byId[p.Id].Headline ?? byId[p.Id].Title}\" [{string.Join(", ", byId[p.Id].Topics)}]" +
            (leavers.GetValueOrDefault(p.Id) is var n && n > 0 ? $" (left a thread {n}x)" : "");
        var shared = new List<(string Term, double Weight)>();
        for (var i = 0; i < older.Terms.Terms.Length; i++)
        {
            var j = Array.BinarySearch(newer.Terms.Terms, older.Terms.Terms[i], StringComparer.Ordinal);
            if (j >= 0)
            {
                var idf = counts.Idf(older.Terms.Terms[i]);
                shared.Add((older.Terms.Terms[i], older.Terms.Weights[i] * newer.Terms.Weights[j] * idf * idf));
            }
        }
        var thread = replay[older.Id];
        var size = replay.Count(kv => kv.Value == thread);
        Console.WriteLine(string.Create(ic,
            $"    {Line(older)}\n      ~ {Line(newer)}\n      cosine {System.Numerics.Tensors.TensorPrimitives.Dot(older.Unit, newer.Unit):0.00}, names {RelatedRule.Lexical(older.Terms, newer.Terms, counts):0.00} " +
            $"(shared: {string.Join(", ", shared.OrderByDescending(s => s.Weight).Take(5).Select(s => $"{s.Term} {s.Weight:0.0}"))}); thread of {size} stories, " +
            $"{ThreadRule.Gap(older, newer) / 86_400_000.0:0} days apart"));
    }

    /// <summary>
    /// How many pairs of stories within the horizon there are, how many of them share a gold topic and how many a gold
    /// topic or thread: what a rule linking at random would score.
    /// </summary>
    private static (long Pairs, long Right, long RightEither) Chance(List<ThreadProfile> profiles, Func<long, long, bool> topic, Func<long, long, bool> either, long horizon)
    {
        long pairs = 0, right = 0, rightEither = 0;
        for (var i = 0; i < profiles.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (ThreadRule.Gap(profiles[i], profiles[j]) <= horizon)
                {
                    pairs++;
                    right += topic(profiles[i].Id, profiles[j].Id) ? 1 : 0;
                    rightEither += either(profiles[i].Id, profiles[j].Id) ? 1 : 0;
                }
            }
        }
        return (pairs, right, rightEither);
    }
}
