using Salient.Tests.Support;

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
}
