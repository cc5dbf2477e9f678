using Salient.Text;

namespace Salient.Tests.Text;

public sealed class SafeHtmlTests
{
    [Theory]
    [InlineData("<p>Sign up</p><form action=\"https://e.test/\"><label>Mail<input name=\"m\"></label><button>Go</button></form>", "<p>Sign up</p>")]
    [InlineData("<p>Listen</p><audio controls src=\"https://e.test/a.mp3\">Your browser cannot play it</audio>", "<p>Listen</p>")]
    [InlineData("<p>Watch</p><video src=\"https://e.test/v.mp4\"><track src=\"x.vtt\"></video>", "<p>Watch</p>")]
    [InlineData("<p class=\"lead\" id=\"top\" style=\"color:red\">Hello</p>", "<p>Hello</p>")]
    [InlineData("<p><a href=\"ftp://e.test/file\">file</a></p>", "<p><a>file</a></p>")]
    public void Markup_salient_republishes_has_no_forms_buttons_media_styles_or_classes(string html, string expected) =>
        Assert.Equal(expected, SafeHtml.Clean(html, new Uri("https://news.example/a"), SafeHtmlUse.Republished));

    [Fact]
    public void One_policy_two_uses_a_feed_item_keeps_the_form_markup_feed_readers_show()
    {
        const string html = "<form action=\"http://e.test/\"><input type=\"submit\"></form>";
        Assert.Equal("<form action=\"http://e.test/\"><input type=\"submit\" /></form>", SafeHtml.Clean(html, null, SafeHtmlUse.FeedItem));
        Assert.Equal("", SafeHtml.Clean(html, null, SafeHtmlUse.Republished));
    }

    [Fact]
    public void Relative_links_in_republished_markup_resolve_against_the_page()
    {
        Assert.Equal("<p><a href=\"https://news.example/b\">b</a></p>", SafeHtml.Clean("<p><a href=\"/b\">b</a></p>", new Uri("https://news.example/a"), SafeHtmlUse.Republished));
    }
}
