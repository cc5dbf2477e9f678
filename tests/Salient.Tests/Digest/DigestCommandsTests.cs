using Salient.Storage;
using Salient.Tests.Support;
using Pages = Salient.Tests.Translation.TranslationPagesTests;

namespace Salient.Tests.Digest;

/// <summary><c>salient subscribers add --section</c> run as a user would, in a process of its own.</summary>
public sealed class DigestCommandsTests
{
    [Fact]
    public async Task Subscribers_add_sets_sections_in_order_list_shows_them_a_bad_one_changes_nothing_and_global_drops_them()
    {
        using var dir = new TempDir();
        Task<(int Exit, string[] Lines, string Stderr)> Run(params string[] args) => SalientProcess.RunAsync(["--db", dir.File("salient.db"), .. args], dir);

        var added = await Run("subscribers", "add", "reader@example.test", "--confirmed", "--section", "topic:science=4.5", "--section", "region:europe");
        Assert.Equal(0, added.Exit);
        Assert.Contains("sections topic:science=4.5 region:europe", string.Join('\n', added.Lines), StringComparison.Ordinal);

        foreach (var (bad, message) in new[]
        {
            ("region:atlantis", "there is no region 'atlantis'"),
            ("topic:science=12", "must be a number from 0 to 10"),
            ("science", "write a section as topic:SLUG or region:SLUG"),
        })
        {
            var refused = await Run("subscribers", "add", "reader@example.test", "--section", "topic:health", "--section", bad);
            Assert.Equal(2, refused.Exit);
            Assert.Contains(message, refused.Stderr, StringComparison.Ordinal);
            SalientProcess.NoStackTrace(refused.Stderr);
        }
        var both = await Run("subscribers", "add", "reader@example.test", "--section", "topic:health", "--global");
        Assert.Equal(2, both.Exit);

        var list = await Run("subscribers", "list");
        Assert.Contains(list.Lines, l => l.StartsWith("reader@example.test", StringComparison.Ordinal) && l.EndsWith("topic:science=4.5 region:europe", StringComparison.Ordinal));

        Assert.Equal(0, (await Run("subscribers", "add", "reader@example.test", "--threshold", "6")).Exit);
        Assert.Contains((await Run("subscribers", "list")).Lines, l => l.EndsWith("region:europe", StringComparison.Ordinal));
        Assert.Equal(0, (await Run("subscribers", "add", "reader@example.test", "--global")).Exit);
        Assert.Contains((await Run("subscribers", "list")).Lines, l => l.StartsWith("reader@example.test", StringComparison.Ordinal) && l.EndsWith(" all", StringComparison.Ordinal));
    }

    /// <summary>The <c>subscribers list</c> line of one address as (status, cadence, threshold, sections).</summary>
    private static (string Status, string Cadence, string Threshold, string Sections) Listed(string[] lines, string email)
    {
        var line = Assert.Single(lines, l => l.StartsWith(email + " ", StringComparison.Ordinal));
        var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (cells[1], cells[2], cells[3], string.Join(' ', cells[5..]));
    }

    [Fact]
    public async Task Re_adding_a_subscriber_keeps_what_was_not_given_says_what_changed_and_a_new_one_gets_the_defaults()
    {
        using var dir = new TempDir();
        Task<(int Exit, string[] Lines, string Stderr)> Run(params string[] args) => SalientProcess.RunAsync(["--db", dir.File("salient.db"), .. args], dir);

        var added = await Run("subscribers", "add", "reader@example.test", "--confirmed", "--cadence", "daily", "--threshold", "7.5", "--section", "topic:science");
        Assert.Equal(0, added.Exit);
        Assert.Contains("added reader@example.test: confirmed, daily, threshold 7.5, sections topic:science", string.Join('\n', added.Lines), StringComparison.Ordinal);

        // Only the cadence is given: the threshold, the sections and the confirmation stay, and the output names the one change.
        var cadence = await Run("subscribers", "add", "reader@example.test", "--cadence", "weekly");
        Assert.Equal(0, cadence.Exit);
        Assert.Contains("updated reader@example.test (cadence daily → weekly): confirmed, weekly, threshold 7.5, sections topic:science", string.Join('\n', cadence.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain("confirmation", string.Join('\n', cadence.Lines), StringComparison.Ordinal);
        Assert.Equal(("confirmed", "weekly", "7.5", "topic:science"), Listed((await Run("subscribers", "list")).Lines, "reader@example.test"));

        var sections = await Run("subscribers", "add", "reader@example.test", "--section", "region:europe");
        Assert.Contains("updated reader@example.test (sections topic:science → sections region:europe)", string.Join('\n', sections.Lines), StringComparison.Ordinal);
        Assert.Equal(("confirmed", "weekly", "7.5", "region:europe"), Listed((await Run("subscribers", "list")).Lines, "reader@example.test"));

        var threshold = await Run("subscribers", "add", "reader@example.test", "--threshold", "4");
        Assert.Contains("updated reader@example.test (threshold 7.5 → 4.0)", string.Join('\n', threshold.Lines), StringComparison.Ordinal);

        var same = await Run("subscribers", "add", "READER@example.test");
        Assert.Equal(0, same.Exit);
        Assert.Contains("reader@example.test unchanged: confirmed, weekly, threshold 4.0, sections region:europe", string.Join('\n', same.Lines), StringComparison.Ordinal);

        var fresh = await Run("subscribers", "add", "new@example.test", "--confirmed");
        Assert.Equal(0, fresh.Exit);
        Assert.Equal(("confirmed", "weekly", "5.5", "all"), Listed((await Run("subscribers", "list")).Lines, "new@example.test"));
        Assert.Equal(("confirmed", "weekly", "4.0", "region:europe"), Listed((await Run("subscribers", "list")).Lines, "reader@example.test"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("11")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("5,5")]
    [InlineData("1e400")]
    public async Task A_threshold_that_is_not_a_score_from_0_to_10_is_refused_naming_the_option_and_changes_nothing(string bad)
    {
        using var dir = new TempDir();
        Task<(int Exit, string[] Lines, string Stderr)> Run(params string[] args) => SalientProcess.RunAsync(["--db", dir.File("salient.db"), .. args], dir);
        Assert.Equal(0, (await Run("subscribers", "add", "reader@example.test", "--confirmed", "--cadence", "daily", "--threshold", "7.5")).Exit);
        var before = (await Run("subscribers", "list")).Lines;

        var refused = await Run("subscribers", "add", "reader@example.test", "--cadence", "weekly", "--threshold", bad);
        var refusedNew = await Run("subscribers", "add", "other@example.test", "--threshold", bad);

        foreach (var r in new[] { refused, refusedNew })
        {
            Assert.Equal(2, r.Exit);
            Assert.Contains($"--threshold '{bad}' is not a significance score from 0 to 10", r.Stderr, StringComparison.Ordinal);
            SalientProcess.NoStackTrace(r.Stderr);
        }
        Assert.Equal(before, (await Run("subscribers", "list")).Lines);
    }

    [Fact]
    public async Task Digest_dry_run_shows_a_translated_story_with_the_title_and_label_the_mail_gives_it()
    {
        await using var site = await SiteFixture.CreateAsync();
        await using var smtp = SmtpSink.Start();
        await Pages.TranslatedAsync(site);
        await site.App.Get<DigestStore>().UpsertAsync("reader@example.test", "daily", 0, confirmed: true, CancellationToken.None);
        Task<(int Exit, string[] Lines, string Stderr)> Run(params string[] args) => SalientProcess.RunAsync(["--db", site.DatabaseFile, .. args], site.Folder);

        var dry = await Run("digest", "--dry-run");
        var sent = await Run("digest", "--send", "--smtp", smtp.Url);

        Assert.True(dry.Exit == 0, dry.Stderr);
        Assert.True(sent.Exit == 0, sent.Stderr);
        var mail = Assert.Single(smtp.Messages).TextBody!;
        var headline = $"[7.0] {Pages.EnglishTitle} — Die Zeit, FAZ";
        var label = $"Machine translation from German. Original: {Pages.GermanTitle}. {Pages.GermanSummary}";
        Assert.Contains(headline, mail, StringComparison.Ordinal);
        Assert.Contains(label, mail, StringComparison.Ordinal);
        var line = Array.FindIndex(dry.Lines, l => l.Trim() == headline);
        Assert.True(line >= 0, "the dry run shows the translated title the mail gives:\n" + string.Join('\n', dry.Lines));
        Assert.Equal(label, dry.Lines[line + 1].Trim());
        Assert.DoesNotContain(dry.Lines, l => l.TrimStart().StartsWith($"[7.0] {Pages.GermanTitle}", StringComparison.Ordinal));
        // A story in the readers' own language is shown as it is, unlabelled, in both.
        Assert.Contains(dry.Lines, l => l.Trim() == "[6.5] Parliament passes the budget — Reuters, BBC News");
        Assert.Contains("[6.5] Parliament passes the budget — Reuters, BBC News", mail, StringComparison.Ordinal);
        Assert.Single(dry.Lines, l => l.Contains("Machine translation", StringComparison.Ordinal));
    }
}
