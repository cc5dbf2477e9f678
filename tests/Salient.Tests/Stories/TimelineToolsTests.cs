using Salient.Tests.Support;

namespace Salient.Tests.Stories;

public sealed class TimelineToolsTests
{
    [Theory]
    [InlineData("--pairs", "-3", "--pairs -3 is not a count; give how many joined cases to score, or 0 for all")]
    [InlineData("--examples", "-1", "--examples -1 is not a count; give how many errors to print, 0 or more")]
    [InlineData("--spread-hours", "NaN", "--spread-hours NaN is not a span; give hours from 0 to 720, such as 6")]
    [InlineData("--months", "2021-13", "--months: \"2021-13\" is not a list of months; give months as yyyy-MM")]
    public async Task A_bad_setting_of_eval_timeline_is_refused_naming_it(string option, string value, string message)
    {
        var (exit, lines, stderr) = await SalientProcess.RunAsync(["eval", "timeline", option, value]);

        Assert.Equal(2, exit);
        Assert.Empty(lines);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
    }

    [Fact]
    public async Task A_missing_or_broken_articles_file_is_refused_naming_the_file_and_its_line()
    {
        using var dir = new TempDir();
        var missing = dir.File("absent.jsonl");
        var (exit, _, stderr) = await SalientProcess.RunAsync(["eval", "timeline", "--data", missing]);
        Assert.Equal(2, exit);
        Assert.Contains($"--data '{missing}' does not exist; give the AllSides articles file with --data", stderr, StringComparison.Ordinal);

        var broken = dir.File("broken.jsonl");
        await File.WriteAllLinesAsync(broken,
        [
            """{"article_id": "a1", "story_id": "s1", "date": "2021-04-22T06:15:00-07:00", "title": "Summit opens", "lead": "Leaders met.", "allsides_topic": "Climate"}""",
            """{"article_id": "a2", "story_id": "s1", "date": "not a date", "title": "Summit opens", "lead": "", "allsides_topic": "Climate"}""",
        ]);
        (exit, _, stderr) = await SalientProcess.RunAsync(["eval", "timeline", "--data", broken]);
        Assert.Equal(2, exit);
        Assert.Contains($"{broken}, line 2: no date or not a date", stderr, StringComparison.Ordinal);

        await File.WriteAllTextAsync(broken, "{\"story_id\": \"s1\"\n");
        (exit, _, stderr) = await SalientProcess.RunAsync(["eval", "timeline", "--data", broken]);
        Assert.Equal(2, exit);
        Assert.Contains($"{broken}, line 1: not JSON", stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
    }
}
