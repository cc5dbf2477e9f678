using System.Net;
using Salient.Web;

namespace Salient.Tests.Web;

public sealed class HtmlTests
{
    [Fact]
    public void A_script_in_a_value_is_text()
    {
        var title = "<script>alert(1)</script>Storm";
        Assert.Equal("<h2>&lt;script&gt;alert(1)&lt;/script&gt;Storm</h2>", Html.Of($"<h2>{title}</h2>").ToString());
        Assert.Equal("<li>&lt;script&gt;alert(1)&lt;/script&gt;Storm</li>", new HtmlBuilder().Append($"<li>{title}</li>").ToString());
    }

    [Fact]
    public void Quotes_cannot_leave_an_attribute()
    {
        var url = "http://x/\" onmouseover=\"alert(1)";
        var name = "it's";
        Assert.Equal("<a href=\"http://x/&quot; onmouseover=&quot;alert(1)\" title='it&#39;s'>x</a>", Html.Of($"<a href=\"{url}\" title='{name}'>x</a>").ToString());
    }

    [Fact]
    public void An_ampersand_in_a_value_is_encoded_once_and_literal_markup_is_kept()
    {
        var query = "a=1&b=2";
        var already = "&amp;";
        Assert.Equal("<a href=\"/?a=1&amp;b=2\">&amp;amp; &amp; co</a>", Html.Of($"<a href=\"/?{query}\">{already} &amp; co</a>").ToString());
    }

    [Fact]
    public void Trusted_fragments_are_written_as_they_are()
    {
        var inner = Html.Of($"<b>{"x<y"}</b>");
        var stored = Html.Raw("<p>Sanitised <em>article</em></p>");
        Assert.Equal("<div><b>x&lt;y</b><p>Sanitised <em>article</em></p></div>", Html.Of($"<div>{inner}{stored}</div>").ToString());
        var b = new HtmlBuilder().Append(inner).Append($"{stored}");
        Assert.Equal("<b>x&lt;y</b><p>Sanitised <em>article</em></p>", b.ToString());
        Assert.Equal(b.ToString(), b.ToHtml().ToString());
    }

    [Fact]
    public void Numbers_and_dates_are_written_in_the_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var at = new DateTime(2026, 5, 10, 12, 30, 0, DateTimeKind.Utc);
            Assert.Equal("<span data-x=\"7.25\">1234567 2026-05-10</span>", Html.Of($"<span data-x=\"{7.25}\">{1234567L} {at:yyyy-MM-dd}</span>").ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Null_values_write_nothing() =>
        Assert.Equal("<p></p>", Html.Of($"<p>{(string?)null}{(object?)null}{Html.Empty}</p>").ToString());

    [Theory]
    [InlineData("")]
    [InlineData("plain ASCII text with no special characters at all")]
    [InlineData("<>&\"'")]
    [InlineData("Ünïcödé — “quoted” text, ½ price ©")]
    [InlineData("\u00a0non-breaking\u00ff and \u0100 above Latin-1")]
    [InlineData("Emoji 🌀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢")]
    [InlineData("lone \ud800 high and \udc00 low halves, and a pair split \udc00\ud800")]
    [InlineData("end with a high half \ud83c")]
    public void Values_are_encoded_as_WebUtility_encodes_them(string text)
    {
        // The pages were written with WebUtility.HtmlEncode before; they stay byte for byte the same.
        Assert.Equal(WebUtility.HtmlEncode(text), Html.Of($"{text}").ToString());
        Assert.Equal(WebUtility.HtmlEncode(text), Html.Text(text).ToString());
        Assert.Equal("x" + WebUtility.HtmlEncode(text) + "y", new HtmlBuilder(4).Append($"x{text}y").ToString());
    }
}
