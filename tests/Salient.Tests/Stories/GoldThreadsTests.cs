using System.Text.Json;
using Salient.Bench.Stories;
using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

public sealed class GoldThreadsTests
{
    private const string Good = """{"story_id": "as1", "thread": "jan6-commission"}""";

    [Theory]
    [InlineData("{\"story_id\": \"as2\"", "line 2: not JSON")]
    [InlineData("[\"as2\", \"jan6-commission\"]", "line 2: not a JSON object")]
    [InlineData("{\"thread\": \"jan6-commission\"}", "line 2: no story_id")]
    [InlineData("{\"story_id\": \"as2\"}", "line 2: no thread; give a thread's name or null")]
    [InlineData("{\"story_id\": \"as2\", \"thread\": 7}", "line 2: no thread; give a thread's name or null")]
    [InlineData("{\"story_id\": \"as2\", \"thread\": \" \"}", "line 2: no thread; give a thread's name or null")]
    [InlineData("{\"story_id\": \"as1\", \"thread\": null}", "line 2: story as1 is labelled a second time")]
    public void The_gold_threads_reader_refuses_a_malformed_line_naming_the_file_and_its_line(string second, string message)
    {
        using var dir = new TempDir();
        var path = dir.File("threads.jsonl");
        File.WriteAllLines(path, [Good, second]);

        var ex = Assert.Throws<FormatException>(() => GoldThreads.Read(path));

        Assert.Equal($"{path}, {message}", ex.Message);
    }

    [Fact]
    public void A_pair_sharing_only_a_labelled_thread_is_right_with_the_threads_and_wrong_by_topics_alone()
    {
        using var dir = new TempDir();
        var path = dir.File("threads.jsonl");
        File.WriteAllLines(path, [Good, """{"story_id": "as2", "thread": "jan6-commission"}""", """{"story_id": "as3", "thread": null}""", """{"story_id": "as4", "thread": null}"""]);
        var threads = GoldThreads.Read(path);
        var house = new HashSet<string>(["US House"]);
        var senate = new HashSet<string>(["US Senate"]);

        Assert.False(GoldThreads.Right(null, "as1", house, "as2", senate));
        Assert.True(GoldThreads.Right(threads, "as1", house, "as2", senate));
        Assert.False(GoldThreads.Right(threads, "as1", house, "as3", senate));
        // Two stories in no thread do not share one.
        Assert.False(GoldThreads.Right(threads, "as3", house, "as4", senate));
        Assert.True(GoldThreads.Right(threads, "as3", house, "as4", house));
        Assert.Equal((1, 2, 4), (threads.Threads, threads.InThreads, threads.Lines));
    }

    [Fact]
    public void Eval_related_counts_a_listed_story_of_the_same_thread_under_another_topic_right_only_by_topics_or_threads()
    {
        using var dir = new TempDir();
        var path = dir.File("threads.jsonl");
        File.WriteAllLines(path, [Good, """{"story_id": "as2", "thread": "jan6-commission"}"""]);
        var centroid = Enumerable.Repeat(1f, 384).ToArray();
        AllSidesGold.GoldStory Story(long id, string topic) => new($"as{id}", 1_620_000_000_000 + id, new HashSet<string>([topic], StringComparer.OrdinalIgnoreCase),
            RelatedProfile.Of(id, centroid, 1_620_000_000_000 + id, "House passes January 6 commission bill", null, "", "", "")!, "t", null, "", []);
        var stories = new List<AllSidesGold.GoldStory> { Story(1, "US House"), Story(2, "US Senate") };

        var (listed, wrong, wrongEither, _, errors) = RelatedTools.Measure(stories, RelatedSettings.CosineOnly, GoldThreads.Read(path));
        var (_, wrongNoThreads, wrongEitherNoThreads, _, errorsNoThreads) = RelatedTools.Measure(stories, RelatedSettings.CosineOnly, null);

        Assert.Equal((2, 2, 0), (listed, wrong, wrongEither));
        Assert.Empty(errors);
        Assert.Equal((2, 2), (wrongNoThreads, wrongEitherNoThreads));
        Assert.Equal(2, errorsNoThreads.Count);
    }

    [Theory]
    [InlineData("related")]
    [InlineData("threads")]
    public async Task A_missing_or_malformed_threads_file_is_refused_naming_it(string eval)
    {
        using var dir = new TempDir();
        var missing = dir.File("absent.jsonl");
        var (exit, lines, stderr) = await SalientProcess.RunAsync(["eval", eval, "--threads", missing]);
        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains($"--threads '{missing}' does not exist; give the gold threads file", stderr, StringComparison.Ordinal);

        var broken = dir.File("broken.jsonl");
        await File.WriteAllLinesAsync(broken, [Good, "", """{"story_id": "as2", "thread": false}"""]);
        (exit, lines, stderr) = await SalientProcess.RunAsync(["eval", eval, "--threads", broken]);
        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains($"--threads: {broken}, line 3: no thread; give a thread's name or null", stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
    }

    [Fact]
    public void The_repository_gold_threads_label_each_story_once_and_name_every_thread_they_use_with_at_least_two_stories()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Salient.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("the repository was not found above the tests");
        }
        var threads = GoldThreads.Read(Path.Combine(root.FullName, GoldThreads.DefaultPath));
        var names = File.ReadLines(Path.Combine(root.FullName, "data", "threads", "allsides-threads-v1-names.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("thread").GetString()!, e => e.GetProperty("description").GetString()!);
        var used = File.ReadLines(Path.Combine(root.FullName, GoldThreads.DefaultPath))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("thread"))
            .Where(t => t.ValueKind == JsonValueKind.String)
            .GroupBy(t => t.GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(295, threads.Lines);
        Assert.Equal(names.Keys.Order(StringComparer.Ordinal), used.Keys.Order(StringComparer.Ordinal));
        Assert.All(used, u => Assert.True(u.Value >= 2, $"{u.Key} has {u.Value} story"));
        Assert.All(names.Values, d => Assert.False(string.IsNullOrWhiteSpace(d)));
    }
}
