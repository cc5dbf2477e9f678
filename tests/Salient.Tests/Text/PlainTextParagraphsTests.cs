using Salient.Text;

namespace Salient.Tests.Text;

public sealed class PlainTextParagraphsTests
{
    [Theory]
    [InlineData("<p>One  two</p><p>Three</p>", "One two\n\nThree")]
    [InlineData("First<br>Second", "First\n\nSecond")]
    [InlineData("<p>Kept</p><script>var x = 1;</script><style>p{}</style>", "Kept")]
    [InlineData("Fish &amp; chips", "Fish & chips")]
    [InlineData("<p>Text</p>&lt;script&gt;alert(1)&lt;/script&gt;", "Text")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Feed_content_becomes_paragraphs_of_plain_text(string? html, string expected) => Assert.Equal(expected, PlainText.Paragraphs(html));

    [Fact]
    public void Words_are_the_lower_case_letters_and_digits_of_the_text()
    {
        Assert.Equal("budget approved on tuesday 3", PlainText.Words("<b>Budget</b> APPROVED &amp; on Tuesday: 3!"));
    }

    [Theory]
    [InlineData("<p>Para</p>", true)]
    [InlineData("closing </b> only", true)]
    [InlineData("<!-- note -->", true)]
    [InlineData("Fish &amp; chips", true)]
    [InlineData("It&#8217;s here", true)]
    [InlineData("It&#x2019;s here", true)]
    [InlineData("AT&T buys a rival", false)]
    [InlineData("a < b and c > d", false)]
    [InlineData("R&D; spending", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Markup_is_told_by_a_tag_or_a_character_reference(string? text, bool markup)
    {
        Assert.Equal(markup, PlainText.HasMarkup(text));
    }
}
