using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Sections;
using Salient.Sources;
using Salient.Stories;

namespace Salient.Bench.Stories;

/// <summary>
/// <c>eval related</c>: the AllSides gold stories replayed as stories, each given its "More on this topic" list by the
/// site's rule; a listed story that shares no gold topic with the story is an error.
/// </summary>
internal static class RelatedTools
{
    private const long KeptMs = 4 * 24 * 3_600_000L;

    /// <param name="Growth">The story as it grew, one article at a time in the order of the data: the sum of its first articles' embeddings and the title of the one nearest it.</param>
    internal sealed record GoldStory(string Id, long Time, HashSet<string> Topics, RelatedProfile Profile, string Title, IReadOnlyList<(float[] Centroid, string RepTitle)> Growth);

    public static Command Eval()
    {
        var data = new Option<string?>("--data") { Description = "allsides_2021_articles.jsonl (default: the shared data beside the repository); allsides_2021_stories.jsonl is read from the same folder when present." };
        var cache = new Option<string?>("--cache") { Description = "A file to keep embeddings in between runs (created when absent)." };
        var examples = new Option<int>("--examples") { Description = "How many errors to print.", DefaultValueFactory = _ => 10 };
        var cmd = new Command("related",
            "Precision and coverage of \"More on this topic\" on the AllSides gold stories: a listed story sharing no gold topic with the story is an error. " +
            "Prints the site's rule, the rule before (centroid cosine alone) and the rule without each of its parts.")
        {
            data, cache, examples,
        };
        cmd.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(data) ?? SharedDataFolder.Find(Path.Combine("allsides_neus", "allsides_2021_articles.jsonl"));
            if (path is null || !File.Exists(path))
            {
                Console.Error.WriteLine("salient-bench: allsides_2021_articles.jsonl was not found; give it with --data");
                return Task.FromResult(2);
            }
            var stories = Load(path, parse.GetValue(cache), ct);
            Console.WriteLine($"{stories.Count} gold stories from {path}; each listed at most 5 related stories with an article at most 48 h before its newest and at most 48 h after");
            var rules = new (string Name, RelatedSettings Settings)[]
            {
                ("before: centroid cosine >= 0.45 alone", RelatedSettings.CosineOnly),
                ("site's rule (cosine, names and words, desks and countries)", RelatedSettings.Default),
                ("  without desks and countries", RelatedSettings.Default with { Sections = false }),
                ("  without the lexical floor", RelatedSettings.Default with { MinLexical = double.NegativeInfinity }),
                ("  cosine floor 0.5 instead of 0.45", RelatedSettings.Default with { MinSimilarity = 0.5 }),
                ("  lexical floor 0.05 instead of 0.1", RelatedSettings.Default with { MinLexical = 0.05 }),
                ("  lexical floor 0.2 instead of 0.1", RelatedSettings.Default with { MinLexical = 0.2 }),
            };
            foreach (var (name, settings) in rules)
            {
                var (listed, wrong, covered, errors) = Measure(stories, settings);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: precision {(listed == 0 ? 0 : 1 - (double)wrong / listed):0.000} ({listed - wrong}/{listed} listed share a gold topic), coverage {(double)covered / stories.Count:0.000} ({covered}/{stories.Count} stories list at least one), mean listed {(double)listed / stories.Count:0.00}"));
                if (ReferenceEquals(settings, RelatedSettings.Default) || ReferenceEquals(settings, RelatedSettings.CosineOnly))
                {
                    foreach (var (story, related) in errors.Take(parse.GetValue(examples)))
                    {
                        Console.WriteLine($"    error: \"{story.Title}\" [{string.Join(", ", story.Topics)}] lists \"{related.Title}\" [{string.Join(", ", related.Topics)}]");
                    }
                }
            }
            Console.WriteLine("Desks and countries come from the product's tagger (the shipped classifier over the centroid and the gazetteer, with the outlets' desks and countries from the default list); " +
                "terms from the representative article's title and lead; IDF over all the gold stories (the site's window holds thousands of stories; these data about three a day).");
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    private static (int Listed, int Wrong, int Covered, List<(GoldStory Story, GoldStory Related)> Errors) Measure(List<GoldStory> stories, RelatedSettings settings)
    {
        var byId = stories.ToDictionary(s => s.Profile.Id);
        // The site weighs terms over the thousands of stories of its last four days; these data hold about three a day,
        // too few to tell a common name from a rare one, so every gold story counts towards the weights.
        var counts = TermCounts.Of(stories.Select(s => s.Profile));
        int listed = 0, wrong = 0, covered = 0;
        var errors = new List<(GoldStory, GoldStory)>();
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
                if (r.Id != s.Id && !r.Topics.Overlaps(s.Topics))
                {
                    wrong++;
                    errors.Add((s, r));
                }
            }
        }
        return (listed, wrong, covered, errors);
    }

    internal static List<GoldStory> Load(string path, string? cachePath, CancellationToken ct)
    {
        var articles = new List<(string Story, long Time, string Title, string Lead, string? Source, string? Url, string? Topic)>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            articles.Add((e.GetProperty("story_id").GetString()!, DateTimeOffset.Parse(e.GetProperty("date").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
                e.GetProperty("title").GetString() ?? "", Str(e, "lead") ?? "", Str(e, "source"), Str(e, "url"), Str(e, "allsides_topic")));
        }
        var storyTopics = new Dictionary<string, string>(StringComparer.Ordinal);
        var storiesPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "allsides_2021_stories.jsonl");
        if (File.Exists(storiesPath))
        {
            foreach (var line in File.ReadLines(storiesPath))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                using var doc = JsonDocument.Parse(line);
                if (Str(doc.RootElement, "topic") is { } topic)
                {
                    storyTopics[doc.RootElement.GetProperty("story_id").GetString()!] = topic;
                }
            }
        }
        using var embedder = new TextEmbedder();
        var vectors = EmbeddingCache.Open(cachePath).Embed(embedder, articles.Select(a => EmbeddingText.Of(a.Title, a.Lead)).ToList(), ct);
        var tagger = new SectionTagger(new SectionsOptions());
        var registry = OutletRegistry.Default;
        var result = new List<GoldStory>();
        var id = 0L;
        foreach (var group in articles.Select((a, i) => (a, i)).GroupBy(x => x.a.Story, StringComparer.Ordinal))
        {
            var members = group.ToList();
            var centroid = new float[TextEmbedder.Dimensions];
            foreach (var (_, i) in members)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(centroid, vectors[i], centroid);
            }
            // The representative article is the one nearest the centroid, as grouping chooses it.
            var rep = members.MaxBy(m => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(vectors[m.i], centroid)).a;
            var outlets = members.Select(m => OutletFacts.Of(registry.Find(m.a.Source, m.a.Url))).ToList();
            var sections = tagger.Tag(centroid, rep.Title, rep.Lead, outlets);
            var profile = RelatedProfile.Of(++id, centroid, members.Max(m => m.a.Time), rep.Title, rep.Title, rep.Lead,
                string.Join(',', sections.TopicSlugs), string.Join(',', sections.Countries));
            if (profile is null)
            {
                continue;
            }
            var topics = new HashSet<string>(members.Select(m => m.a.Topic).OfType<string>(), StringComparer.OrdinalIgnoreCase);
            if (storyTopics.TryGetValue(group.Key, out var storyTopic))
            {
                topics.Add(storyTopic);
            }
            var growth = new List<(float[], string)>();
            var sum = new float[TextEmbedder.Dimensions];
            for (var k = 0; k < members.Count; k++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(sum, vectors[members[k].i], sum);
                var so = sum.ToArray();
                growth.Add((so, members.Take(k + 1).MaxBy(m => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(vectors[m.i], so)).a.Title));
            }
            result.Add(new GoldStory(group.Key, profile.LastPublished, topics, profile, rep.Title, growth));
        }
        return result;
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
