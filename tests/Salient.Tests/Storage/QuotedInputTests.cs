using Salient.Storage;

namespace Salient.Tests.Storage;

public sealed class QuotedInputTests
{
    [Fact]
    public void A_refused_address_or_verdict_is_quoted_back_whole_when_short_and_cut_when_it_would_fill_the_page()
    {
        var longValue = new string('x', 5000) + "@example.org";

        var email = Assert.Throws<ArgumentException>(() => DigestStore.NormaliseEmail(longValue));
        var verdict = Assert.Throws<ArgumentException>(() => FeedbackStore.ParseVerdict(longValue));
        var shortOne = Assert.Throws<ArgumentException>(() => DigestStore.NormaliseEmail("reader at example"));

        Assert.StartsWith("'" + new string('x', 79) + "…' is not an e-mail address", email.Message, StringComparison.Ordinal);
        Assert.StartsWith("'" + new string('x', 79) + "…' is not a verdict", verdict.Message, StringComparison.Ordinal);
        Assert.True(email.Message.Length < 200 && verdict.Message.Length < 200);
        Assert.StartsWith("'reader at example' is not an e-mail address", shortOne.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_cut_short_never_keeps_half_of_a_character()
    {
        var emoji = new string('x', 78) + "\U0001F600" + new string('y', 100);

        var quoted = Salient.Text.PlainText.Quoted(emoji);

        Assert.Equal(new string('x', 78) + "…", quoted);
        Assert.DoesNotContain(quoted, char.IsSurrogate);
    }
}
