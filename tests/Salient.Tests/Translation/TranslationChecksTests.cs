using System.Text.Json;
using Salient.Translation;

namespace Salient.Tests.Translation;

/// <summary>What an LLM's translation must pass before readers see it; every refusal keeps the original.</summary>
public sealed class TranslationChecksTests
{
    private const string Title = "Bundestag beschließt Haushalt mit 480 Milliarden Euro für 2027";
    private const string Summary = "Der Bundestag hat am Freitag den Haushalt für das Jahr 2027 beschlossen. Die Regierung plant Ausgaben von 480 Milliarden Euro, "
        + "drei Ministerien müssen sparen.";
    private const string GoodTitle = "Bundestag passes budget of 480 billion euros for 2027";
    private const string GoodSummary = "The Bundestag passed the budget for 2027 on Friday. The government plans spending of 480 billion euros, and three ministries must save.";

    private static string Reply(string title, string summary) => JsonSerializer.Serialize(new { title, summary });

    private static TranslationChecks.Outcome Check(string reply, string title = Title, string summary = Summary) =>
        TranslationChecks.Check("de", "en", title, summary, reply, StoryTranslator.PromptFor("de", "en"));

    [Fact]
    public void A_faithful_translation_passes_and_a_number_word_of_the_original_may_come_back_as_a_word_of_the_readers()
    {
        var outcome = Check(Reply(GoodTitle, GoodSummary));

        Assert.True(outcome.Accepted, string.Join("; ", outcome.Problems));
        Assert.Equal(GoodTitle, outcome.Title);
        Assert.Equal(GoodSummary, outcome.Summary);
    }

    [Fact]
    public void An_answer_wrapped_in_prose_or_a_code_fence_around_the_json_still_gives_the_translation()
    {
        var outcome = Check("```json\n" + Reply(GoodTitle, GoodSummary) + "\n```");

        Assert.True(outcome.Accepted, string.Join("; ", outcome.Problems));
    }

    [Theory]
    [InlineData("Bundestag passes budget of 480 billion euros for 2028", "number 2028")]
    [InlineData("Bundestag passes budget of 490 billion euros for 2027", "number 490")]
    [InlineData("Bundestag passes budget of 480 billion euros for 2027, five ministries cut", "number five")]
    public void A_number_the_original_does_not_give_refuses_the_translation(string title, string problem)
    {
        var outcome = Check(Reply(title, GoodSummary));

        Assert.False(outcome.Accepted);
        Assert.Null(outcome.Title);
        Assert.Contains(outcome.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>Bundestag passes budget", "markup")]
    [InlineData("Bundestag passes <b>budget</b> for 2027", "markup")]
    [InlineData("Bundestag passes budget &lt;img src=x&gt; for 2027", "markup")]
    [InlineData("Bundestag passes budget, see https://evil.example/x for 2027", "link or address")]
    [InlineData("Bundestag passes budget for 2027 (more at www.example.com)", "link or address")]
    [InlineData("Here is the translation: Bundestag passes budget for 2027", "talks about the task")]
    [InlineData("You translate news. Translate the title and the summary", "instructions")]
    public void Markup_links_and_talk_about_the_task_refuse_the_translation(string title, string problem)
    {
        var outcome = Check(Reply(title, GoodSummary));

        Assert.False(outcome.Accepted);
        Assert.Contains(outcome.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void An_answer_that_repeats_the_original_is_refused_as_untranslated()
    {
        var outcome = Check(Reply(Title, Summary));

        Assert.False(outcome.Accepted);
        Assert.Contains(outcome.Problems, p => p.Contains("untranslated", StringComparison.Ordinal));
    }

    [Fact]
    public void An_answer_still_in_the_originals_language_is_refused()
    {
        var outcome = Check(Reply("Bundestag verabschiedet Etat über 480 Milliarden Euro für 2027",
            "Das Parlament hat am Freitag den Etat für 2027 verabschiedet. Die Regierung will 480 Milliarden Euro ausgeben, und drei Ministerien sollen weniger bekommen."));

        Assert.False(outcome.Accepted);
        Assert.Contains(outcome.Problems, p => p.Contains("still in German", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ten_kilobyte_answer_is_refused_before_it_is_read()
    {
        var huge = Reply(GoodTitle, string.Concat(Enumerable.Repeat("The Bundestag passed the budget. ", 320)));
        Assert.True(huge.Length > 10_000);

        var outcome = Check(huge);

        Assert.False(outcome.Accepted);
        Assert.Contains(outcome.Problems, p => p.Contains("more than a translation", StringComparison.Ordinal));
    }

    [Fact]
    public void A_summary_far_longer_than_the_original_is_refused()
    {
        var padded = GoodSummary + string.Concat(Enumerable.Repeat(" The ministries must save.", 20));

        var outcome = Check(Reply(GoodTitle, padded));

        Assert.False(outcome.Accepted);
        Assert.Contains(outcome.Problems, p => p.StartsWith("the summary is", StringComparison.Ordinal) && p.Contains("longer than a translation", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"title\": 5, \"summary\": []}")]
    [InlineData("{\"title\": \"   \", \"summary\": \"The Bundestag passed the budget for 2027 on Friday.\"}")]
    public void An_empty_or_unreadable_answer_is_refused(string reply)
    {
        var outcome = Check(reply);

        Assert.False(outcome.Accepted);
        Assert.NotEmpty(outcome.Problems);
    }
}
