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
/// The AllSides gold stories as <c>eval related</c> and <c>eval threads</c> replay them: the options both take, where the
/// data are found, and each gold story made a story (centroid, representative article, desks and countries, gold topics
/// and headline), read and embedded once.
/// </summary>
internal static class AllSidesGold
{
    /// <summary>
    /// A gold story as a story: its profile for the related rule, its newest article's time, its gold topics (its
    /// articles' <c>allsides_topic</c> and the story's <c>topic</c>), its representative article's title and the story's
    /// headline when allsides_2021_stories.jsonl has one.
    /// </summary>
    /// <param name="Growth">The story as it grew, one article at a time in the order of the data: the sum of its first articles' embeddings and the title of the one nearest it.</param>
    internal sealed record GoldStory(string Id, long Time, HashSet<string> Topics, RelatedProfile Profile, string Title, string? Headline, IReadOnlyList<(float[] Centroid, string RepTitle)> Growth);

    /// <summary>The options every evaluation over the gold stories takes.</summary>
    internal sealed record Options(Option<string?> Data, Option<string?> Cache, Option<int> Examples)
    {
        public static Options Create() => new(
            new Option<string?>("--data") { Description = "allsides_2021_articles.jsonl (default: the shared data beside the repository); allsides_2021_stories.jsonl is read from the same folder when present." },
            new Option<string?>("--cache") { Description = "A file to keep embeddings in between runs (created when absent)." },
            new Option<int>("--examples") { Description = "How many errors to print.", DefaultValueFactory = _ => 10 });

        /// <summary>The articles file given or found beside the repository; null (after saying so on stderr) when there is none.</summary>
        public string? DataPath(ParseResult parse)
        {
            var path = parse.GetValue(Data) ?? SharedDataFolder.Find(Path.Combine("allsides_neus", "allsides_2021_articles.jsonl"));
            if (path is null || !File.Exists(path))
            {
                Console.Error.WriteLine("salient-bench: allsides_2021_articles.jsonl was not found; give it with --data");
                return null;
            }
            return path;
        }
    }

    /// <summary>
    /// Reads the gold articles at <paramref name="path"/> (and the stories file beside them), embeds them (kept in
    /// <paramref name="cachePath"/> when given) and makes each gold story a story as grouping and scoring would.
    /// </summary>
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
        var (storyTopics, headlines) = Stories(path);
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
            result.Add(new GoldStory(group.Key, profile.LastPublished, topics, profile, rep.Title, headlines.GetValueOrDefault(group.Key), growth));
        }
        return result;
    }

    /// <summary>Each gold story's topic and headline from allsides_2021_stories.jsonl beside the articles, when it is there.</summary>
    private static (Dictionary<string, string> Topics, Dictionary<string, string> Headlines) Stories(string articlesPath)
    {
        var topics = new Dictionary<string, string>(StringComparer.Ordinal);
        var headlines = new Dictionary<string, string>(StringComparer.Ordinal);
        var storiesPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(articlesPath))!, "allsides_2021_stories.jsonl");
        if (!File.Exists(storiesPath))
        {
            return (topics, headlines);
        }
        foreach (var line in File.ReadLines(storiesPath))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using var doc = JsonDocument.Parse(line);
            var id = doc.RootElement.GetProperty("story_id").GetString()!;
            if (Str(doc.RootElement, "topic") is { } topic)
            {
                topics[id] = topic;
            }
            if (Str(doc.RootElement, "headline") is { } headline)
            {
                headlines[id] = headline;
            }
        }
        return (topics, headlines);
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
