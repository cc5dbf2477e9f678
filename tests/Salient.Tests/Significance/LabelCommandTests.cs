using System.Text.Json;
using Salient.Cli;
using Salient.Tests.Llm;
using Salient.Tests.Support;

namespace Salient.Tests.Significance;

/// <summary>Runs <c>salient label</c> through the command line against a chat-completions endpoint on 127.0.0.1.</summary>
public sealed class LabelCommandTests
{
    private const string Good = """{"scale": 8, "impact": 7, "novelty": 6, "potential": 7, "legacy": 6, "positivity": 2, "credibility": 9, "reason": "A war between sizeable states affects millions."}""";

    private static string Config(TempDir dir, ChatCompletionsServer server)
    {
        var path = dir.File("salient.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { Llm = new { BaseUrl = server.BaseUrl, Model = "test-model", ApiKey = "secret", MaxConcurrency = 2, TimeoutSeconds = 10 } }));
        return path;
    }

    [Fact]
    public async Task Labelling_a_file_writes_one_label_per_story_with_its_id_and_factors_and_a_second_run_comes_from_the_cache()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Reply(Good);
        using var dir = new TempDir();
        var input = dir.File("stories.jsonl");
        File.WriteAllText(input, "\uFEFF" + """
            {"id": "s1", "title": "Russia invades Ukraine", "text": "Troops crossed the border at dawn.", "source": "Reuters", "outlets": ["AP", "BBC News"]}

            {"id": 2, "title": "Parliament passes the budget", "text": "", "source": "AP"}
            """);
        string[] args = ["--db", dir.File("salient.db"), "--config", Config(dir, server), "label", "--input", input, "--output", dir.File("labels.jsonl")];

        Assert.Equal(0, await SalientCli.RunAsync(args));
        var labels = File.ReadAllLines(dir.File("labels.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["s1", "2"], labels.Select(l => l.GetProperty("id").GetString()));
        Assert.All(labels, l =>
        {
            Assert.Equal(8, l.GetProperty("scale").GetInt32());
            Assert.Equal(9, l.GetProperty("credibility").GetInt32());
            Assert.Equal("teacher:test-model", l.GetProperty("labeler").GetString());
        });
        Assert.Equal(["AP", "BBC News"], labels[0].GetProperty("outlets").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(2, server.Bodies.Count);

        // The same stories again: answered from the cache, no further request.
        Assert.Equal(0, await SalientCli.RunAsync(args));
        Assert.Equal(2, File.ReadAllLines(dir.File("labels.jsonl")).Length);
        Assert.Equal(2, server.Bodies.Count);
    }

    [Fact]
    public async Task A_file_with_stories_without_an_id_is_refused_before_any_request_is_made()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Reply(Good);
        using var dir = new TempDir();
        var input = dir.File("stories.jsonl");
        File.WriteAllText(input, """
            {"id": "s1", "title": "Russia invades Ukraine"}
            {"title": "A story nobody can match to its label"}
            """);

        var code = await SalientCli.RunAsync(["--db", dir.File("salient.db"), "--config", Config(dir, server), "label", "--input", input, "--output", dir.File("labels.jsonl")]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(server.Bodies);
        Assert.False(File.Exists(dir.File("labels.jsonl")));
    }

    [Fact]
    public async Task Labelling_without_an_endpoint_configured_is_a_usage_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("stories.jsonl"), """{"id": "s1", "title": "Russia invades Ukraine"}""");
        var code = await SalientCli.RunAsync(["--db", dir.File("salient.db"), "label", "--input", dir.File("stories.jsonl")]);
        Assert.Equal(ExitCodes.Usage, code);
    }
}
