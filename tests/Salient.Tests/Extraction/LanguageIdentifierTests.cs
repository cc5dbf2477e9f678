using Salient.Extraction;

namespace Salient.Tests.Extraction;

public sealed class LanguageIdentifierTests
{
    private const string English =
        "The city council voted on Tuesday to close the old bridge after engineers said it was no longer safe. " +
        "Residents who use it every day will have to drive about ten minutes further, and the mayor said that the " +
        "repairs would take at least two years. Shops near the bridge have asked for help with their losses.";

    private const string German =
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke zu schließen, nachdem Ingenieure erklärt hatten, " +
        "sie sei nicht mehr sicher. Anwohner, die sie täglich nutzen, müssen nun etwa zehn Minuten weiter fahren, und " +
        "der Bürgermeister sagte, die Reparatur werde mindestens zwei Jahre dauern. Was die Läden an der Brücke angeht, " +
        "so haben sie um Hilfe gebeten.";

    private const string FrenchQuotingEnglish =
        "Le conseil municipal a voté mardi la fermeture du vieux pont, après que les ingénieurs ont jugé qu'il n'était " +
        "plus sûr. Le maire a cité une chanson des Beatles, « The Long and Winding Road », pour décrire les travaux, " +
        "qui dureront au moins deux ans. Les commerçants proches du pont demandent une aide pour compenser leurs pertes " +
        "et les habitants devront faire un détour de dix minutes.";

    [Fact]
    public void Plain_english_news_prose_is_told_without_the_detector()
    {
        Assert.True(LanguageIdentifier.PlainlyEnglish(English));
        Assert.Equal("en", LanguageIdentifier.Shared.Detect(English));
    }

    [Fact]
    public void A_german_text_is_not_taken_for_english_though_it_contains_was_and_die()
    {
        Assert.False(LanguageIdentifier.PlainlyEnglish(German));
        Assert.Equal("de", LanguageIdentifier.Shared.Detect(German));
    }

    [Fact]
    public void A_french_text_quoting_an_english_title_goes_to_the_detector_and_stays_french()
    {
        Assert.False(LanguageIdentifier.PlainlyEnglish(FrenchQuotingEnglish));
        Assert.Equal("fr", LanguageIdentifier.Shared.Detect(FrenchQuotingEnglish));
    }

    [Fact]
    public void A_short_english_line_is_left_to_the_detector()
    {
        const string line = "The bridge will close and the council said that it was not safe for the people.";
        Assert.False(LanguageIdentifier.PlainlyEnglish(line));
        Assert.Equal("en", LanguageIdentifier.Shared.Detect(line));
    }

    [Fact]
    public void A_list_of_english_names_without_prose_is_left_to_the_detector()
    {
        var names = string.Join(", ", Enumerable.Repeat("Oxford Cambridge Bristol Leeds Manchester Liverpool", 8));
        Assert.False(LanguageIdentifier.PlainlyEnglish(names));
    }

    [Fact]
    public void Text_in_another_script_is_never_taken_for_english()
    {
        var mixed = string.Concat(Enumerable.Repeat("the and that with 市议会周二投票决定关闭这座旧桥 工程师说它已不再安全 ", 10));
        Assert.False(LanguageIdentifier.PlainlyEnglish(mixed));
    }
}
