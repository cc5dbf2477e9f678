using Salient.Embeddings;
using Salient.Stories;

namespace Salient.Tests.Embeddings;

public sealed class LeadTextTests
{
    private const string Lede = "Flood water breached the Marlow dam on Tuesday night, forcing 4,000 people in the valley below to leave their homes before dawn.";
    private const string Background = "The dam, built in 1962, was listed among the region's riskiest structures in a 2019 survey that also named three other reservoirs.";

    [Fact]
    public void A_lead_given_on_one_line_is_its_own_lead_cut_at_the_limit()
    {
        var lead = new string('x', 30) + " " + Lede;

        Assert.Equal(lead, LeadText.Of(lead, 1000));
        Assert.Equal(lead[..50], LeadText.Of(lead, 50));
        Assert.Equal("", LeadText.Of("   ", 1000));
        Assert.Equal("", LeadText.Of(null, 1000));
    }

    [Theory]
    [InlineData("By Jane Okoro | The Valley Courier")]
    [InlineData("Written by Jane Okoro and Tom Reyes")]
    [InlineData("Updated 6:12 AM ET, March 4, 2024")]
    [InlineData("Advertisement")]
    [InlineData("Share this article")]
    [InlineData("Share on Facebook Share on X Share by email")]
    [InlineData("Listen to this story")]
    [InlineData("Photo: Tom Reyes/AFP via Getty Images")]
    [InlineData("Read more: Senate passes the farm bill after a night of votes")]
    [InlineData("Most popular | Mayor resigns | Transit strike ends | Weekend weather")]
    [InlineData("Copyright 2024 The Valley Courier. All rights reserved.")]
    [InlineData("© 2024 Courier Media Group")]
    [InlineData("Jane Okoro is a staff writer at the Courier who covers climate and water. Follow her on X @janeokoro.")]
    [InlineData("Have a tip? Write to us at tips@courier.example")]
    [InlineData("Sign up for The Morning newsletter to get the news in your inbox.")]
    public void Page_furniture_before_the_lede_is_left_out(string furniture)
    {
        var text = $"{furniture}\n\n{Lede}\n\n{Background}";

        Assert.True(LeadText.IsFurniture(furniture), furniture);
        Assert.Equal($"{Lede}\n{Background}", LeadText.Of(text, 1000));
    }

    [Theory]
    [InlineData("By Tuesday, the water had reached the first houses of the valley.")]
    [InlineData("Copyright lawyers for the studio said the suit would be filed on Monday.")]
    [InlineData("Officials said the evacuation order covered every street below the dam, including the hospital and two schools on the river road")]
    public void Paragraphs_that_only_look_like_furniture_are_kept(string paragraph)
    {
        Assert.False(LeadText.IsFurniture(paragraph), paragraph);
    }

    [Fact]
    public void The_lead_is_the_first_real_paragraphs_up_to_what_the_embedding_reads()
    {
        Assert.Equal($"{Lede}\n{Background}", LeadText.Of($"Advertisement\n{Lede}\n\n{Background}", 1000));
        Assert.Equal($"It happened at night.\n{Lede}\n{Background}", LeadText.Of($"It happened at night.\n\n{Lede}\n\n{Background}", 1000));
        var later = string.Join("\n\n", Enumerable.Range(1, 10).Select(i => $"Paragraph {i} of the report goes on about the breach and the people who left their homes."));
        var lead = LeadText.Of($"{Lede}\n\n{later}", 1000);
        Assert.InRange(lead.Length, LeadText.MinChars, LeadText.MinChars + 200);
        Assert.DoesNotContain("Paragraph 10", lead, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_of_nothing_but_furniture_keeps_its_text_rather_than_losing_it()
    {
        Assert.Equal("Advertisement\nShare this article", LeadText.Of("Advertisement\nShare this article", 1000));
    }

    [Fact]
    public void A_huge_text_with_markup_and_a_million_furniture_lines_gives_a_bounded_lead()
    {
        var text = string.Concat(Enumerable.Repeat("Advertisement\n", 1_000_000)) + "<script>alert(1)</script> " + Lede + "\n" + new string('y', 5_000_000);

        var lead = LeadText.Of(text, 600);

        Assert.Equal("<script>alert(1)</script> " + Lede, lead);
    }

    [Fact]
    public void The_embedded_text_and_the_compared_words_come_from_the_opening_paragraphs_not_the_furniture()
    {
        var text = $"By Jane Okoro\nRead more: Quarry explosion kills two in Harwick\n\n{Lede}\n\n{Background}";

        Assert.Equal($"Dam breach. {Lede}\n{Background}", EmbeddingText.Of("Dam breach", text));
        var terms = StoryText.Terms("Dam breach", text, 1000).Terms;
        Assert.Contains("marlow", terms);
        Assert.DoesNotContain("harwick", terms);
        Assert.DoesNotContain("okoro", terms);
        Assert.Contains("1962", terms);
    }
}
