using Salient.Cli;
using Salient.Pipeline;
using Salient.Tests.Support;
using Salient.Translation;

namespace Salient.Tests.Translation;

/// <summary>Translation is part of the pipeline only with an LLM configured; its settings are checked like every other.</summary>
public sealed class TranslationServicesTests
{
    private static async Task<List<string>> StagesWith(string? config)
    {
        using var dir = new TempDir();
        string? path = null;
        if (config is not null)
        {
            path = dir.File("salient.json");
            await File.WriteAllTextAsync(path, config);
        }
        await using var app = await SalientApp.OpenAsync(dir.File("salient.db"), path, CancellationToken.None);
        return app.Get<IEnumerable<IPipelineStage>>().Select(s => s.Name).ToList();
    }

    [Fact]
    public async Task Without_an_llm_there_is_no_translation_stage_and_the_pipeline_is_as_before()
    {
        var stages = await StagesWith(null);

        Assert.DoesNotContain("translate", stages);
        Assert.Contains("write", stages);
    }

    [Fact]
    public async Task With_an_llm_the_translation_stage_runs_after_writing_unless_turned_off()
    {
        var on = await StagesWith("""{ "Llm": { "BaseUrl": "http://127.0.0.1:9/v1", "Model": "m" } }""");
        var off = await StagesWith("""{ "Llm": { "BaseUrl": "http://127.0.0.1:9/v1" }, "Translation": { "Enabled": false } }""");

        Assert.Contains("translate", on);
        Assert.DoesNotContain("translate", off);
    }

    [Theory]
    [InlineData(nameof(TranslationOptions.BatchSize), "Translation:BatchSize is 0")]
    [InlineData(nameof(TranslationOptions.MaxAttempts), "Translation:MaxAttempts is 0")]
    [InlineData(nameof(TranslationOptions.RetryMinutes), "Translation:RetryMinutes is 0")]
    [InlineData(nameof(TranslationOptions.TimeoutSeconds), "Translation:TimeoutSeconds is 0")]
    [InlineData(nameof(TranslationOptions.MaxAgeDays), "Translation:MaxAgeDays is 0")]
    public void A_setting_out_of_range_is_refused_naming_the_key(string key, string message)
    {
        var options = new TranslationOptions();
        typeof(TranslationOptions).GetProperty(key)!.SetValue(options, 0);

        var e = Assert.Throws<SalientException>(options.Validate);

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_backoff_doubles_from_the_first_wait_and_stops_at_a_day()
    {
        var options = new TranslationOptions { RetryMinutes = 15 };

        Assert.Equal([15, 30, 60, 120], Enumerable.Range(1, 4).Select(n => options.Backoff(n).TotalMinutes));
        Assert.Equal(TimeSpan.FromDays(1), options.Backoff(30));
    }
}
