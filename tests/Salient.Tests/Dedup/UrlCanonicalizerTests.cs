using Salient.Dedup;

namespace Salient.Tests.Dedup;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("HTTPS://Example.COM/News/Story", "https://example.com/News/Story")]
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("http://example.com:80/a", "http://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("https://example.com/a#comments", "https://example.com/a")]
    [InlineData("https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "https://example.com/a")]
    [InlineData("https://example.com/a?id=3&fbclid=IwAR0abc&gclid=xyz", "https://example.com/a?id=3")]
    [InlineData("https://example.com/a?UTM_Source=x&page=2", "https://example.com/a?page=2")]
    [InlineData("https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1")]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("https://example.com./a", "https://example.com/a")]
    [InlineData("https://example.com/%7euser/a%2fb", "https://example.com/~user/a%2Fb")]
    [InlineData("https://example.com/a?mc_cid=1&mc_eid=2&_ga=3&ocid=4", "https://example.com/a")]
    [InlineData("  https://example.com/a  ", "https://example.com/a")]
    public void Urls_that_name_the_same_page_get_the_same_canonical_form(string input, string expected)
    {
        Assert.Equal(expected, UrlCanonicalizer.Canonicalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/relative/path")]
    [InlineData("mailto:news@example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/file")]
    [InlineData("not a url")]
    public void What_is_not_an_absolute_web_address_has_no_canonical_form(string? input)
    {
        Assert.Null(UrlCanonicalizer.Canonicalize(input));
    }

    [Fact]
    public void Different_pages_keep_different_canonical_forms()
    {
        Assert.NotEqual(UrlCanonicalizer.Canonicalize("https://example.com/a?id=1"), UrlCanonicalizer.Canonicalize("https://example.com/a?id=2"));
        Assert.NotEqual(UrlCanonicalizer.Canonicalize("https://example.com/a"), UrlCanonicalizer.Canonicalize("https://www.example.com/a"));
        Assert.NotEqual(UrlCanonicalizer.Canonicalize("https://example.com/A"), UrlCanonicalizer.Canonicalize("https://example.com/a"));
    }

    [Theory]
    [InlineData("https://www.News.example/world/story-1/?utm_source=x#top", "news.example/world/story-1")]
    [InlineData("http://news.example:8080/world/story-1", "news.example/world/story-1")]
    [InlineData("https://news.example/world/story-1?page=2", "news.example/world/story-1")]
    [InlineData("ftp://news.example/world/story-1", null)]
    [InlineData("not a url", null)]
    [InlineData(null, null)]
    public void One_article_under_two_feeds_links_has_one_key(string? url, string? key) => Assert.Equal(key, UrlCanonicalizer.ArticleKey(url));
}
