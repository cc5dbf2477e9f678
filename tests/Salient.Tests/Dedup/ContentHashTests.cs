using Salient.Dedup;

namespace Salient.Tests.Dedup;

public sealed class ContentHashTests
{
    private const string Body = "<p>The council voted on Tuesday to approve the new budget, which raises spending on schools and hospitals " +
                                "while cutting the city's road programme by a fifth over the next three years.</p>";

    [Fact]
    public void The_same_words_in_different_markup_and_spacing_hash_the_same()
    {
        var plain = "The council voted on Tuesday to approve the new budget, which raises spending on schools and hospitals\n\n" +
                    "while cutting the city&#39;s road programme by a fifth over the next   three years.";
        Assert.Equal(ContentHash.Of("Budget approved", Body), ContentHash.Of("BUDGET APPROVED!", plain));
    }

    [Fact]
    public void A_different_title_or_body_hashes_differently()
    {
        Assert.NotEqual(ContentHash.Of("Budget approved", Body), ContentHash.Of("Budget rejected", Body));
        Assert.NotEqual(ContentHash.Of("Budget approved", Body), ContentHash.Of("Budget approved", Body.Replace("Tuesday", "Monday", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<p>Read more</p>")]
    [InlineData("Short summary of the story in a few words only.")]
    public void Too_little_text_gets_no_hash_so_it_never_merges_articles(string? body)
    {
        Assert.Null(ContentHash.Of("Some title", body));
    }
}
