using Salient.Sections;

namespace Salient.Tests.Sections;

public sealed class GazetteerTests
{
    private static IReadOnlyList<string> Of(string title, string? text = null, params string?[] outlets) =>
        Gazetteer.Shipped.CountriesOf(title, text, outlets);

    [Theory]
    [InlineData("Ukrainian troops push towards Kherson", "UA")]
    [InlineData("Kremlin rejects the proposal", "RU")]
    [InlineData("Floods cut off towns across Queensland", "AU")]
    [InlineData("Germany's parliament votes on the budget", "DE")]
    [InlineData("Protests spread in Tehran after the verdict", "IR")]
    [InlineData("U.S. jobs report beats forecasts", "US")]
    [InlineData("Miami condo collapse: search goes on", "US")]
    [InlineData("Bundestag approves arms deliveries", "DE")]
    public void A_country_name_a_demonym_a_capital_a_city_a_subdivision_or_an_organisation_names_its_country(string title, string country)
    {
        Assert.Equal(country, Of(title).FirstOrDefault());
    }

    [Fact]
    public void The_country_named_most_and_in_the_title_comes_first()
    {
        var countries = Of("France and Germany sign a treaty", "The French president met the German chancellor in Paris. France will lead the talks.");

        Assert.Equal(["FR", "DE"], countries);
    }

    [Fact]
    public void The_longest_name_wins_so_New_Mexico_is_not_Mexico_and_Latin_America_is_no_country()
    {
        Assert.Equal(["US"], Of("Wildfire spreads in New Mexico"));
        Assert.Empty(Of("Latin America braces for a wave of elections"));
    }

    [Fact]
    public void Names_match_their_case_so_a_turkey_dinner_is_no_country_but_Turkey_by_another_spelling_is()
    {
        Assert.Empty(Of("Roast turkey dinner recipes for the holidays"));
        Assert.Equal(["TR"], Of("Türkiye raises interest rates"));
    }

    [Fact]
    public void The_outlets_countries_stand_in_only_when_the_text_names_no_place()
    {
        Assert.Equal(["GB"], Of("Council votes to close the library", null, "GB", "GB", "US"));
        Assert.Equal(["JP"], Of("Tokyo stocks fall", null, "GB"));
        Assert.Empty(Of("Council votes to close the library", null, "not a country", null));
    }

    [Fact]
    public void Possessives_hyphens_and_a_full_stop_after_a_name_still_match()
    {
        Assert.Equal(["RU"], Of("Russia's economy shrinks"));
        Assert.Contains("UA", Of("Russia-Ukraine talks stall"));
        Assert.Equal(["CA"], Of("Snow falls in Canada."));
    }

    [Fact]
    public void Hostile_text_of_any_size_or_alphabet_gives_an_answer_and_no_exception()
    {
        var huge = string.Concat(Enumerable.Repeat("Kyiv \u202e\0<script>'\"’s ", 50_000));

        Assert.Equal(["UA"], Of(huge, huge));
        Assert.Empty(Of("", ""));
        Assert.Empty(Of("\u0000\uffff\ud800", null));
        Assert.Equal(["UA"], Of("Україна", "Ukraine"));
    }

    [Fact]
    public void At_most_four_countries_are_named()
    {
        var countries = Of("France, Germany, Italy, Spain, Portugal and Greece meet in Brussels");

        Assert.Equal(Gazetteer.MaxCountries, countries.Count);
        Assert.Equal("FR", countries[0]);
    }
}
