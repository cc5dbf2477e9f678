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
}
