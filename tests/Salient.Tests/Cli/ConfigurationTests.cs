using Salient.Tests.Support;

namespace Salient.Tests.Cli;

/// <summary>Wrong settings stop a command before it starts, with a message that names the setting and where it came from.</summary>
public sealed class ConfigurationTests
{
    private static async Task<(int Exit, string[] Lines, string Stderr)> WithConfig(TempDir dir, string json, params string[] args)
    {
        var config = dir.File("salient-test.json");
        await File.WriteAllTextAsync(config, json);
        return await SalientProcess.RunAsync(["--db", dir.File("salient.db"), "--config", config, .. args], dir);
    }

    [Fact]
    public async Task A_setting_of_the_wrong_type_is_named_with_its_file_and_what_was_stored_is_kept()
    {
        using var dir = new TempDir();
        var added = await SalientProcess.RunAsync(["--db", dir.File("salient.db"), "sources", "add", "https://news.example/feed.xml"], dir);
        Assert.True(added.Exit == 0, added.Stderr);

        var (exit, _, stderr) = await WithConfig(dir, """{ "Polling": { "IntervalMinutes": "often" } }""", "ingest", "--once");

        Assert.Equal(2, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Contains("configuration: ", stderr, StringComparison.Ordinal);
        Assert.Contains("'often' at 'Polling:IntervalMinutes'", stderr, StringComparison.Ordinal);
        Assert.Contains(dir.File("salient-test.json"), stderr, StringComparison.Ordinal);
        var list = await SalientProcess.RunAsync(["--db", dir.File("salient.db"), "sources", "list"], dir);
        Assert.Contains(list.Lines, l => l.Contains("https://news.example/feed.xml", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "Stories": { "WindowHours": -5 } }""", "Stories:WindowHours must be between 0 and 1440", "ingest", "--once")]
    [InlineData("""{ "Extraction": { "MaxHtmlChars": 10 } }""", "Extraction:MaxHtmlChars must be at least 1024", "ingest", "--once")]
    [InlineData("""{ "Digest": { "MaxStories": "many" } }""", "at 'Digest:MaxStories'", "stats")]
    [InlineData("""{ "Writing": { "MinWords": 90, "MaxWords": 10 } }""", "Writing: need 1 <= MinWords", "stats")]
    [InlineData("""{ "Writing": { "NewestArticles": 40 } }""", "Writing:NewestArticles is 40; use 0 to 12 (Writing:MaxArticles)", "stats")]
    [InlineData("""{ "Writing": { "RewriteAfterHours": -1 } }""", "Writing:RewriteAfterHours is -1; give a number of hours from 0 to 8760", "stats")]
    [InlineData("""{ "Digest": { "TimeZone": "Mars/Olympus" } }""", "Digest:TimeZone 'Mars/Olympus' is not a time zone", "stats")]
    [InlineData("""{ "Digest": { "SendAt": "25:99" } }""", "Digest:SendAt '25:99' is not a time of day", "stats")]
    [InlineData("""{ "Digest": { "SmtpUrl": "gopher://mail.example" } }""", "Digest:SmtpUrl (or SALIENT_SMTP_URL): SMTP URL 'gopher://mail.example' has scheme 'gopher'", "stats")]
    [InlineData("""{ "Digest": { "SiteUrl": "javascript:alert(1)" } }""", "Digest:SiteUrl 'javascript:alert(1)' is not an http(s) address", "stats")]
    [InlineData("""{ "Digest": { "From": "not an address" } }""", "Digest:From 'not an address' is not an e-mail address", "stats")]
    [InlineData("""{ "Site": { "SiteUrl": "ftp://news.example" } }""", "Site:SiteUrl 'ftp://news.example' is not an http(s) address", "stats")]
    public async Task A_setting_out_of_range_or_of_the_wrong_type_stops_any_command_before_it_starts(string json, string expected, params string[] args)
    {
        using var dir = new TempDir();
        var (exit, lines, stderr) = await WithConfig(dir, json, args);
        Assert.Equal(2, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Empty(lines);
        Assert.False(File.Exists(dir.File("salient.db")), "no store is created before the settings are known to be good");
    }

    [Fact]
    public async Task A_batch_tool_given_a_setting_of_the_wrong_type_says_which_one()
    {
        using var dir = new TempDir();
        var input = dir.File("stories.jsonl");
        await File.WriteAllTextAsync(input, """{"id":1,"articles":[{"title":"Storm hits the coast","text":"A storm hit the coast on Monday and cut power to many homes."}]}""" + "\n");
        var (exit, lines, stderr) = await WithConfig(dir, """{ "Writing": { "MaxArticles": "twelve" } }""", "summarize", "--input", input);
        Assert.Equal(2, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Contains("'twelve' at 'Writing:MaxArticles'", stderr, StringComparison.Ordinal);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task The_site_refuses_to_start_on_a_wrong_setting_instead_of_failing_every_page()
    {
        using var dir = new TempDir();
        var (exit, _, stderr) = await WithConfig(dir, """{ "Site": { "DefaultMinScore": 42 } }""", "serve", "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Contains("Site:DefaultMinScore is 42; give a number from 0 to 10", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("serving", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_default_configuration_file_that_is_not_json_is_named()
    {
        using var dir = new TempDir();
        var data = dir.File("data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "salient.json"), "{\n  \"Site\": }\n");
        var (exit, _, stderr) = await SalientProcess.RunAsync(["--db", dir.File("salient.db"), "stats"], dir);
        Assert.Equal(2, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Contains($"configuration file '{Path.Combine(data, "salient.json")}' is not valid JSON", stderr, StringComparison.Ordinal);
        Assert.Contains("at line 2, byte 11", stderr, StringComparison.Ordinal);
    }
}
