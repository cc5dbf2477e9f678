using Salient.Writing;

namespace Salient.Tests.Writing;

public sealed class TextCleanerTests
{
    [Theory]
    [InlineData("WASHINGTON (AP) — The Senate passed the bill on Tuesday.", "The Senate passed the bill on Tuesday.")]
    [InlineData("LONDON, Nov 5 (Reuters) - Britain's economy grew by 0.2% in the third quarter.", "Britain's economy grew by 0.2% in the third quarter.")]
    [InlineData("MINNEAPOLIS—Minnesota Gov. Tim Walz sent in the National Guard.", "Minnesota Gov. Tim Walz sent in the National Guard.")]
    [InlineData("NEW YORK, N.Y. -- Stocks rose sharply on Friday after the jobs report.", "Stocks rose sharply on Friday after the jobs report.")]
    [InlineData("(CNN) — A powerful storm hit the coast of Florida overnight.", "A powerful storm hit the coast of Florida overnight.")]
    [InlineData("By Jane Doe and John Roe, Reuters The central bank held rates steady on Thursday.", "The central bank held rates steady on Thursday.")]
    [InlineData("VIDEO: Ballot harvesting helped deliver many districts to Democrats in 2018.", "Ballot harvesting helped deliver many districts to Democrats in 2018.")]
    public void Datelines_bylines_and_labels_are_stripped(string raw, string expected)
    {
        Assert.Equal(expected, TextCleaner.CleanSentence(raw));
    }

    [Theory]
    [InlineData("Click here to subscribe to our newsletter for more updates.")]
    [InlineData("By Jane Doe")]
    [InlineData("Sign up for our daily briefing and get the news first.")]
    [InlineData("Copyright 2024 The Associated Press. All rights reserved.")]
    [InlineData("What does this mean for the future of the party?")]
    [InlineData("and then they left.")]
    [InlineData("Photo: Getty Images")]
    public void Boilerplate_questions_and_fragments_are_dropped(string raw)
    {
        Assert.Null(TextCleaner.CleanSentence(raw));
    }

    [Fact]
    public void Sentences_split_at_full_stops_but_not_after_titles_initials_or_abbreviations()
    {
        var s = TextCleaner.SplitSentences("Sen. John F. Kerry met Gov. Walz in Washington, D.C. on Monday. The U.S. economy grew 2.5 percent. \"We will act,\" he said. Prices rose!");
        Assert.Equal(4, s.Count);
        Assert.Equal("Sen. John F. Kerry met Gov. Walz in Washington, D.C. on Monday.", s[0]);
        Assert.Equal("The U.S. economy grew 2.5 percent.", s[1]);
        Assert.Equal("\"We will act,\" he said.", s[2]);
    }

    [Fact]
    public void Scraping_artifacts_are_removed()
    {
        var s = TextCleaner.SplitSentences("The station was set ablaze on Thursday night. placeholderMore than 500 members of the National Guard were sent.");
        Assert.Equal("More than 500 members of the National Guard were sent.", s[1]);
    }
}
