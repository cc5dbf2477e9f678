using Salient.Tests.Support;

namespace Salient.Tests.Cli;

/// <summary>Hostile command-line and configuration inputs: each refused with a message naming it, nothing created, no secret printed.</summary>
public sealed class InputSafetyTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Port=notaport;Username=u;Password=hunter2;Database=x")]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Password=hunter2;Database=x;Timeout=3")]
    [InlineData("postgresql://u:hunter2@127.0.0.1:1/x")]
    [InlineData("Host=127.0.0.1;Password=hunter2;Bogus Key=1")]
    public async Task Database_errors_never_print_the_password(string target)
    {
        using var dir = new TempDir();

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["--db", target, "stats"], dir);

        Assert.Equal(1, exit);
        Assert.Empty(lines);
        Assert.DoesNotContain("hunter2", stderr, StringComparison.Ordinal);
        Assert.Contains("database", stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
    }

    [Fact]
    public async Task An_explicit_db_in_a_folder_that_does_not_exist_is_an_error_while_the_default_data_folder_is_made()
    {
        using var dir = new TempDir();

        var missing = await SalientProcess.RunAsync(["--db", dir.File("no/such/dir/x.db"), "stats"], dir);
        var fresh = await SalientProcess.RunAsync(["stats"], dir);

        Assert.Equal(1, missing.Exit);
        Assert.Contains($"the folder '{dir.File("no/such/dir")}' of database", missing.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("no")));
        SalientProcess.NoStackTrace(missing.Stderr);
        Assert.Equal(0, fresh.Exit);
        Assert.True(File.Exists(Path.Combine(dir.File("data"), "salient.db")));
    }

    [Theory]
    [InlineData("Host=;Database=", "names no host")]
    [InlineData("Host=127.0.0.1;Database=", "names no database")]
    [InlineData(";;;=", "looks like a connection string")]
    [InlineData("Host=127.0.0.1;Database=x;Port=notaport", "not a valid PostgreSQL connection string")]
    public async Task Db_copy_checks_its_target_before_creating_anything(string to, string expected)
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await SalientProcess.RunAsync(["--db", dir.File("from.db"), "sources", "add", "https://news.example/feed.xml"], dir)).Exit);
        var before = File.ReadAllBytes(dir.File("from.db"));
        var stray = Path.Combine(Environment.CurrentDirectory, to);

        var (exit, _, stderr) = await SalientProcess.RunAsync(["db", "copy", "--from", dir.File("from.db"), "--to", to], dir);

        Assert.Equal(1, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        SalientProcess.NoStackTrace(stderr);
        Assert.False(File.Exists(stray));
        Assert.Equal(before, File.ReadAllBytes(dir.File("from.db")));
    }

    [Fact]
    public async Task A_configuration_file_that_never_ends_is_refused()
    {
        using var dir = new TempDir();

        var (exit, _, stderr) = await SalientProcess.RunAsync(["--config", "/dev/zero", "--db", dir.File("s.db"), "stats"], dir);

        Assert.Equal(2, exit);
        Assert.Contains("configuration file '/dev/zero' is larger than 1024 KB", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("s.db")));
    }

    [Fact]
    public async Task Unknown_configuration_keys_are_warned_about_by_name_and_known_ones_are_not()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("salient.json"), """
            {"Site": {"AdminTokn": "xxxxxxxxxxxxxxxxxxxx", "DefaultMinScore": 6},
             "Polling": {"UserAgent": "Test/1.0"},
             "Sitee": {"BaseUrl": "https://news.example.org"},
             "Storage": {"Db": "ignored-when-db-is-given.db"},
             "stray": 1}
            """);

        var (exit, _, stderr) = await SalientProcess.RunAsync(["--config", dir.File("salient.json"), "--db", dir.File("s.db"), "stats"], dir);

        Assert.Equal(0, exit);
        Assert.Contains("configuration key 'Site:AdminTokn' is not a setting", stderr, StringComparison.Ordinal);
        Assert.Contains("AdminToken", stderr, StringComparison.Ordinal);
        Assert.Contains("configuration section 'Sitee' is not one Salient reads", stderr, StringComparison.Ordinal);
        Assert.Contains("configuration key 'stray' is not a setting", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("'Site:DefaultMinScore'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("'Polling:UserAgent'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("'Storage", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxxxxxxxxxx", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Salient\r\nX-Injected: 1")]
    [InlineData("Salient\nGET / HTTP/1.1")]
    [InlineData("Salient\u0000")]
    [InlineData("Salient\tTab")]
    public async Task A_user_agent_with_control_characters_is_refused_before_any_request(string agent)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("salient.json"), System.Text.Json.JsonSerializer.Serialize(new { Polling = new { UserAgent = agent } }));

        var (exit, _, stderr) = await SalientProcess.RunAsync(["--config", dir.File("salient.json"), "--db", dir.File("s.db"), "stats"], dir);

        Assert.Equal(2, exit);
        Assert.Contains("Polling:UserAgent holds a control character", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("s.db")));
    }

    [Theory]
    [InlineData("cluster", """{"id":"a1","title":"Storm \ud83c hits the coast","text":"Rain fell \udc00 all night.","source":"AP","published":"2024-03-01T08:00:00Z"}""")]
    [InlineData("score", """{"id":"a1","title":"Storm \ud83c hits the coast","text":"Rain fell \udc00 all night.","source":"AP"}""")]
    [InlineData("summarize", """{"id":"a1","articles":[{"id":"x","title":"Storm \ud83c hits the coast","text":"Rain fell \udc00 all night on the coast, officials said.","source":"AP"}]}""")]
    public async Task A_batch_tool_reads_a_text_cut_in_the_middle_of_an_emoji_as_a_replacement_character(string tool, string line)
    {
        using var dir = new TempDir();
        var input = dir.File("in.jsonl");
        File.WriteAllText(input, line + "\n");

        var (exit, lines, stderr) = await SalientProcess.RunAsync([tool, "--input", input], dir);

        Assert.True(exit == 0, stderr);
        SalientProcess.NoStackTrace(stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(Assert.Single(lines));
        Assert.Equal("a1", doc.RootElement.GetProperty("id").GetString());
        if (tool == "summarize")
        {
            Assert.DoesNotContain("\\ud83c", lines[0], StringComparison.OrdinalIgnoreCase);
        }
    }
}
