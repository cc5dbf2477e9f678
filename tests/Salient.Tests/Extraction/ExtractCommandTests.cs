using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Salient.Extraction;
using Salient.Tests.Support;

namespace Salient.Tests.Extraction;

/// <summary>Runs the real <c>salient extract</c> executable on files the test writes.</summary>
public sealed class ExtractCommandTests
{
    [Fact]
    public async Task Writes_one_json_line_per_input_in_order_and_exits_1_when_some_fail()
    {
        using var dir = new TempDir();
        var page = dir.File("story.html");
        File.WriteAllText(page, ArticleExtractorTests.ArticlePage(ArticleExtractorTests.Paragraphs(6),
            """<meta property="article:published_time" content="2024-03-05T14:30:00+02:00">"""));
        var gz = dir.File("other.html.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            zip.Write(Encoding.UTF8.GetBytes(ArticleExtractorTests.ArticlePage(ArticleExtractorTests.Paragraphs(6, "election"))));
        }
        var binary = dir.File("image.html");
        File.WriteAllBytes(binary, [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]);
        var missing = dir.File("missing.html");

        var (exit, lines, stderr) = await SalientProcess.RunAsync(["extract", page, missing, gz, binary, "--url", "https://news.example/a/b.html"]);

        Assert.Equal(1, exit);
        Assert.Equal(4, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var names = first.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["input", "title", "byline", "published", "site_name", "lang", "excerpt", "text", "html"], names);
        Assert.Equal(page, first.RootElement.GetProperty("input").GetString());
        Assert.Equal("2024-03-05T12:30:00Z", first.RootElement.GetProperty("published").GetString());
        Assert.Equal("en", first.RootElement.GetProperty("lang").GetString());
        Assert.StartsWith("Paragraph 1 about the storm", first.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);

        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(missing, second.RootElement.GetProperty("input").GetString());
        Assert.Contains("no such file", second.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        var folder = await SalientProcess.RunAsync(["extract", dir.Path]);
        Assert.Equal(1, folder.Exit);
        SalientProcess.NoStackTrace(folder.Stderr);
        using var folderLine = JsonDocument.Parse(Assert.Single(folder.Lines));
        Assert.Contains($"{dir.Path} is a folder", folderLine.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        using var third = JsonDocument.Parse(lines[2]);
        Assert.StartsWith("Paragraph 1 about the election", third.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);

        using var fourth = JsonDocument.Parse(lines[3]);
        Assert.Contains("not an HTML page", fourth.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("not an HTML page", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_0_when_every_input_succeeds_and_2_for_unusable_arguments()
    {
        using var dir = new TempDir();
        var page = dir.File("story.html");
        File.WriteAllText(page, ArticleExtractorTests.ArticlePage(ArticleExtractorTests.Paragraphs(6)));

        var ok = await SalientProcess.RunAsync(["extract", page]);
        Assert.Equal(0, ok.Exit);
        Assert.Single(ok.Lines);

        Assert.Equal(2, (await SalientProcess.RunAsync(["extract"])).Exit);
        Assert.Equal(2, (await SalientProcess.RunAsync(["extract", page, "--url", "not a url"])).Exit);
    }
}
