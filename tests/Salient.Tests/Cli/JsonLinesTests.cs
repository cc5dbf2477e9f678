using Salient.Cli;

namespace Salient.Tests.Cli;

public sealed class JsonLinesTests
{
    [Fact]
    public void Blank_lines_are_skipped_and_numbers_count_every_line_of_the_input()
    {
        var lines = JsonLines.Read(new StringReader("{\"a\":1}\n\n   \r\n{\"b\":2}\r\n")).ToList();
        Assert.Equal([(1, "{\"a\":1}"), (4, "{\"b\":2}")], lines);
    }

    [Fact]
    public void A_byte_order_mark_is_dropped_at_the_start_of_the_input_and_of_files_joined_after_it()
    {
        // Two files, each with its mark, joined as `cat a.jsonl b.jsonl` joins them.
        var joined = "\uFEFF{\"id\":1}\n\uFEFF{\"id\":2}\n\uFEFF\n";
        var lines = JsonLines.Read(new StringReader(joined)).ToList();
        Assert.Equal([(1, "{\"id\":1}"), (2, "{\"id\":2}")], lines);
    }

    [Fact]
    public void A_mark_inside_a_line_is_left_to_the_parser()
    {
        var line = Assert.Single(JsonLines.Read(new StringReader("{\"title\":\"a\uFEFFb\"}")));
        Assert.Equal("{\"title\":\"a\uFEFFb\"}", line.Text);
    }

    [Theory]
    [InlineData("""{"t":"cut \ud83c"}""", """{"t":"cut \ufffd"}""")]
    [InlineData("""{"t":"\udc00 low first"}""", """{"t":"\ufffd low first"}""")]
    [InlineData("""{"t":"two highs \uD83C\uD83C\uDF0A"}""", """{"t":"two highs \ufffd\uD83C\uDF0A"}""")]
    [InlineData("""{"t":"wave \ud83c\udf0a kept"}""", """{"t":"wave \ud83c\udf0a kept"}""")]
    [InlineData("""{"t":"a backslash then text \\ud83c"}""", """{"t":"a backslash then text \\ud83c"}""")]
    [InlineData("""{"t":"at the end \ud83c""", """{"t":"at the end \ufffd""")]
    [InlineData("""{"t":"short \ud8"}""", """{"t":"short \ud8"}""")]
    [InlineData("""{"\ud83c":1}""", """{"\ufffd":1}""")]
    public void A_lone_surrogate_escape_becomes_the_replacement_character_and_nothing_else_changes(string line, string mended)
    {
        Assert.Equal(mended, JsonLines.MendSurrogates(line));
    }

    [Fact]
    public void A_mended_line_reads_as_a_string_where_the_original_would_throw()
    {
        const string cut = """{"title":"Storm \ud83c","text":"\udc00"}""";
        using (var raw = System.Text.Json.JsonDocument.Parse(cut))
        {
            Assert.Throws<InvalidOperationException>(() => raw.RootElement.GetProperty("title").GetString());
        }
        var (_, text) = Assert.Single(JsonLines.Read(new StringReader(cut)));
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal("Storm \uFFFD", doc.RootElement.GetProperty("title").GetString());
        Assert.Equal("\uFFFD", doc.RootElement.GetProperty("text").GetString());
    }
}
