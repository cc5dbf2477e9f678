using System.Text;
using Salient.Text;

namespace Salient.Tests.Text;

public sealed class CharsetTests
{
    private static readonly Encoding Latin = Charset.Windows1252;

    [Fact]
    public void Http_charset_is_used_when_the_page_declares_nothing()
    {
        var bytes = Latin.GetBytes("<html><body><p>Café crème à la française</p></body></html>");
        var text = Charset.Decode(bytes, "text/html; charset=ISO-8859-1", out var choice);
        Assert.Contains("Café crème", text, StringComparison.Ordinal);
        Assert.Equal(EncodingSource.HttpHeader, choice.Source);
    }

    [Fact]
    public void Byte_order_mark_wins_over_a_wrong_http_charset()
    {
        var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes("<p>Zürich</p>")).ToArray();
        var text = Charset.Decode(bytes, "text/html; charset=windows-1252", out var choice);
        Assert.Equal("<p>Zürich</p>", text);
        Assert.Equal(EncodingSource.ByteOrderMark, choice.Source);
    }

    [Fact]
    public void Utf16_page_with_a_byte_order_mark_is_read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<p>Ελληνικά</p>")).ToArray();
        Assert.Equal("<p>Ελληνικά</p>", Charset.Decode(bytes, null));
    }

    [Theory]
    [InlineData("<meta charset=\"windows-1251\">")]
    [InlineData("<meta charset=windows-1251>")]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">")]
    [InlineData("<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=windows-1251'/>")]
    public void Meta_declarations_are_found_in_the_head(string meta)
    {
        _ = Charset.Windows1252; // registers the legacy code pages
        var cyrillic = Encoding.GetEncoding("windows-1251", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var bytes = cyrillic.GetBytes($"<html><head>{meta}<title>x</title></head><body><p>Привет, мир</p></body></html>");
        var text = Charset.Decode(bytes, "text/html", out var choice);
        Assert.Contains("Привет, мир", text, StringComparison.Ordinal);
        Assert.Equal(EncodingSource.MetaDeclaration, choice.Source);
    }

    [Fact]
    public void Undeclared_invalid_utf8_falls_back_to_windows_1252()
    {
        var bytes = Latin.GetBytes("<p>“Smart quotes” – and a euro sign €</p>");
        var text = Charset.Decode(bytes, null, out var choice);
        Assert.Equal("<p>“Smart quotes” – and a euro sign €</p>", text);
        Assert.Equal(EncodingSource.Fallback, choice.Source);
    }

    [Fact]
    public void Undeclared_valid_utf8_is_read_as_utf8()
    {
        var text = Charset.Decode(Encoding.UTF8.GetBytes("<p>naïve façade 東京</p>"), null, out var choice);
        Assert.Equal("<p>naïve façade 東京</p>", text);
        Assert.Equal(EncodingSource.Utf8Validity, choice.Source);
    }

    [Fact]
    public void Page_declaring_latin1_but_serving_utf8_is_read_as_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("<meta charset=\"iso-8859-1\"><p>Müller sagte: „Nein“</p>");
        Assert.Contains("Müller sagte: „Nein“", Charset.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_declaring_utf8_but_serving_latin1_is_read_as_windows_1252()
    {
        var bytes = Latin.GetBytes("<meta charset=\"utf-8\"><p>Müller sagte: Ça va</p>");
        Assert.Contains("Müller sagte: Ça va", Charset.Decode(bytes, "text/html; charset=utf-8"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("latin1")]
    [InlineData("ISO-8859-1")]
    [InlineData("us-ascii")]
    [InlineData("\"iso-8859-1\"")]
    public void Latin1_and_ascii_labels_read_as_windows_1252(string label)
    {
        Assert.Equal(1252, Charset.FromLabel(label)!.CodePage);
    }

    [Fact]
    public void Unknown_labels_are_ignored_rather_than_fatal()
    {
        Assert.Null(Charset.FromLabel("no-such-charset"));
        var text = Charset.Decode(Encoding.UTF8.GetBytes("<p>ok é</p>"), "text/html; charset=no-such-charset");
        Assert.Equal("<p>ok é</p>", text);
    }

    [Fact]
    public void Empty_body_decodes_to_empty_text()
    {
        Assert.Equal(string.Empty, Charset.Decode([], null));
    }
}
