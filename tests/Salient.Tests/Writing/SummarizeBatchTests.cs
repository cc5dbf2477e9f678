using System.Text.Json;
using Salient.Tests.Support;
using Salient.Writing;

namespace Salient.Tests.Writing;

public sealed class SummarizeBatchTests
{
    private static async Task<(int Code, List<JsonElement> Output, string Errors)> Run(string input)
    {
        using var reader = new StringReader(input);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SummarizeBatch.RunAsync(reader, "stories.jsonl", output, error, new StoryWriter(WritingFixtures.Extractive()), CancellationToken.None);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (code, lines, error.ToString());
    }

    private static string Story(object id) => JsonSerializer.Serialize(new
    {
        id,
        articles = WritingFixtures.Storm().Select(a => new { title = a.Title, text = a.Text, source = a.Source, url = a.Url, published = "2024-05-03T10:00:00Z" }),
    });

    [Fact]
    public async Task Each_story_gets_its_id_title_summary_and_the_indices_of_the_articles_used()
    {
        var (code, output, errors) = await Run(Story("s1") + "\n\n" + Story(7) + "\n");
        Assert.Equal(0, code);
        Assert.Equal("", errors);
        Assert.Equal(2, output.Count);
        Assert.Equal("s1", output[0].GetProperty("id").GetString());
        Assert.Equal(7, output[1].GetProperty("id").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(output[0].GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(output[0].GetProperty("summary").GetString()));
        Assert.All(output[0].GetProperty("sources").EnumerateArray(), i => Assert.InRange(i.GetInt32(), 0, 2));
    }

    [Theory]
    [InlineData("{not json", "line 2: not valid JSON")]
    [InlineData("{\"id\": \"x\"}", "line 2: missing \"articles\"")]
    [InlineData("{\"id\": \"x\", \"articles\": []}", "line 2: \"articles\" is empty")]
    [InlineData("{\"articles\": [{\"title\": \"A\"}]}", "line 2: missing \"id\"")]
    [InlineData("[1, 2, 3]", "line 2: expected a JSON object")]
    [InlineData("{\"id\": 1, \"articles\": [{\"title\": 5}]}", "line 2: articles[0].title must be a string")]
    [InlineData("{\"id\": 1, \"articles\": [{\"source\": \"AP\"}]}", "line 2: articles[0] has neither a title nor a text")]
    [InlineData("{\"id\": 1, \"articles\": \"none\"}", "line 2: missing \"articles\"")]
    public async Task A_bad_line_is_reported_by_number_and_the_other_stories_are_still_written(string bad, string expected)
    {
        var (code, output, errors) = await Run(Story("a") + "\n" + bad + "\n" + Story("b"));
        Assert.Equal(1, code);
        Assert.Contains("stories.jsonl " + expected, errors, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], output.Select(o => o.GetProperty("id").GetString()));
    }
}
