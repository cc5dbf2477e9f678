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
    /// <param name="Lead">The representative article's lead.</param>
    internal sealed record GoldStory(string Id, long Time, HashSet<string> Topics, RelatedProfile Profile, string Title, string? Headline, string Lead,
        IReadOnlyList<(float[] Centroid, string RepTitle, string RepLead)> Growth);

    /// <summary>The options every evaluation over the gold stories takes.</summary>
    internal sealed record Options(Option<string?> Data, Option<string?> Cache, Option<int> Examples, Option<string?> Months, Option<string> TitleNames, Option<string?> Threads)
    {
        public static Options Create() => new(
            new Option<string?>("--data") { Description = "allsides_2021_articles.jsonl (default: the shared data beside the repository); allsides_2021_stories.jsonl is read from the same folder when present." },
            new Option<string?>("--cache") { Description = "A file to keep embeddings in between runs (created when absent)." },
            new Option<int>("--examples") { Description = "How many errors to print.", DefaultValueFactory = _ => 10 },
            new Option<string?>("--months") { Description = "Only the gold stories of these months, e.g. 2021-04,2021-05 (default: all); term weights are taken over them alone." },
            new Option<string>("--title-names")
            {
                Description = "How a title's names are told from its common words: \"capitals\" (the pipeline's: every capitalised word after the first); " +
                    "\"text\" (a title in Title Case has as names only the words its representative article's lead capitalises inside a sentence, the first word included); " +
                    "\"text-demote\" (as text, but no word becomes a name that the title does not capitalise after its first word). Both measured, not taken.",
                DefaultValueFactory = _ => "capitals",
            },
            new Option<string?>("--threads")
            {
                Description = "The gold threads (JSON Lines {story_id, thread}; default: " + GoldThreads.DefaultPath + " in the repository, when there): " +
                    "a pair sharing a labelled thread is right as well as one sharing a gold topic; both precisions are printed.",
            });

        /// <summary>The gold threads of <c>--threads</c> or of the repository (null: none); false (after saying so on stderr) when the file is missing or malformed.</summary>
        public bool TryThreads(ParseResult parse, out GoldThreads? threads) => GoldThreads.TryLoad(parse.GetValue(Threads), out threads);

        /// <summary>How <c>--title-names</c> tells a title's names; null (after saying so on stderr) for an unknown value.</summary>
        public TitleNameMode? NameMode(ParseResult parse) => parse.GetValue(TitleNames) switch
        {
            "capitals" => TitleNameMode.Capitals,
            "text" => TitleNameMode.Text,
            "text-demote" => TitleNameMode.TextDemote,
            var other => Refuse($"salient-bench: --title-names: \"{other}\" is not a way to tell names; give capitals, text or text-demote"),
        };

        /// <summary>The months given with <c>--months</c> (null: all); false (after saying so on stderr) when one is not a month.</summary>
        public bool TryMonths(ParseResult parse, out HashSet<string>? wanted)
        {
            wanted = null;
            if (parse.GetValue(Months) is not { } monthList)
            {
                return true;
            }
            wanted = monthList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            if (wanted.FirstOrDefault(m => !DateTime.TryParseExact(m, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) is { } bad)
            {
                Console.Error.WriteLine($"salient-bench: --months: \"{bad}\" is not a month; give months as yyyy-MM, separated by commas (e.g. 2021-04,2021-05)");
                return false;
            }
            return true;
        }

        /// <summary>The gold stories of the <paramref name="wanted"/> months (all when null).</summary>
        public static List<GoldStory> InMonths(List<GoldStory> stories, HashSet<string>? wanted) =>
            wanted is null ? stories : [.. stories.Where(g => wanted.Contains(DateTimeOffset.FromUnixTimeMilliseconds(g.Time).UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)))];

        private static TitleNameMode? Refuse(string message)
        {
            Console.Error.WriteLine(message);
            return null;
        }

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
    internal static List<GoldStory> Load(string path, string? cachePath, CancellationToken ct, TitleNameMode names = TitleNameMode.Capitals)
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
                string.Join(',', sections.TopicSlugs), string.Join(',', sections.Countries), Names(names, rep.Title, rep.Lead));
            if (profile is null)
            {
                continue;
            }
            var topics = new HashSet<string>(members.Select(m => m.a.Topic).OfType<string>(), StringComparer.OrdinalIgnoreCase);
            if (storyTopics.TryGetValue(group.Key, out var storyTopic))
            {
                topics.Add(storyTopic);
            }
            var growth = new List<(float[], string, string)>();
            var sum = new float[TextEmbedder.Dimensions];
            for (var k = 0; k < members.Count; k++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(sum, vectors[members[k].i], sum);
                var so = sum.ToArray();
                var nearest = members.Take(k + 1).MaxBy(m => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(vectors[m.i], so)).a;
                growth.Add((so, nearest.Title, nearest.Lead));
            }
            result.Add(new GoldStory(group.Key, profile.LastPublished, topics, profile, rep.Title, headlines.GetValueOrDefault(group.Key), rep.Lead, growth));
        }
        return result;
    }

    /// <summary>
    /// The names that tell a title's names under <paramref name="mode"/> (null: the title's own capitals): the words the
    /// lead capitalises inside a sentence, and for <see cref="TitleNameMode.TextDemote"/> only those the title capitalises too.
    /// </summary>
    internal static IReadOnlySet<string>? Names(TitleNameMode mode, string? title, string lead)
    {
        if (mode == TitleNameMode.Capitals)
        {
            return null;
        }
        var names = StoryText.NamesIn(LeadText.Of(lead, RelatedProfile.LeadChars));
        if (mode == TitleNameMode.TextDemote)
        {
            var capitalised = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in (title ?? "").Split('\n'))
            {
                capitalised.UnionWith(StoryText.NamesIn(line));
            }
            names.IntersectWith(capitalised);
        }
        return names;
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

/// <summary>How an evaluation tells the names of a title from its common words (<c>--title-names</c>).</summary>
internal enum TitleNameMode
{
    /// <summary>The pipeline's: every word the title capitalises after its first.</summary>
    Capitals,

    /// <summary>A title in Title Case has as names the words its representative article's lead capitalises inside a sentence.</summary>
    Text,

    /// <summary>As <see cref="Text"/>, but only among the words the title capitalises after its first: names lose their boost, none gains one.</summary>
    TextDemote,
}
