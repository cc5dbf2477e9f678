using Salient.Tests.Support;
using Salient.Writing;

namespace Salient.Tests.Writing;

public sealed class FactCheckerTests
{
    private static readonly FactChecker Checker = new(WritingFixtures.Storm());

    [Theory]
    [InlineData("A cyclone killed 12 people in Bangladesh on Monday.")]
    [InlineData("More than 200,000 residents were evacuated from coastal districts.")]
    [InlineData("The storm made landfall near Chittagong, officials said.")]
    [InlineData("Twelve people died, and more than 200,000 residents were moved to shelters.")]
    public void Sentences_whose_numbers_and_names_are_in_the_sources_pass(string sentence)
    {
        Assert.Empty(Checker.Unsupported(sentence));
    }

    [Theory]
    [InlineData("A cyclone killed 40 people in Bangladesh on Monday.", "number 40")]
    [InlineData("A cyclone killed 12 people in Myanmar on Monday.", "name Myanmar")]
    [InlineData("Prime Minister Hasina said the country would rebuild.", "name Hasina")]
    [InlineData("A cyclone killed 12 people on Tuesday.", "name Tuesday")]
    [InlineData("Officials called it \"the worst storm in a decade\".", "quotation")]
    [InlineData("Officials said rescue teams were \"searching for fishermen\".", "quotation marks around unquoted words")]
    [InlineData("Fifteen fishermen are missing.", "number fifteen")]
    public void Invented_numbers_names_dates_and_quotations_are_caught(string sentence, string problem)
    {
        Assert.Contains(Checker.Unsupported(sentence), p => p.StartsWith(problem, StringComparison.Ordinal));
    }
}
