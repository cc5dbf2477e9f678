using Salient.Cli;

namespace Salient.Translation;

/// <summary>
/// Machine translation of the titles and summaries of stories in a language other than the readers'
/// (<c>Site:Language</c>) by the configured LLM (section <c>Llm</c>); configuration section <c>Translation</c>.
/// Without an LLM endpoint nothing is translated and nothing else changes.
/// </summary>
internal sealed class TranslationOptions : ISettings
{
    public const string Section = "Translation";

    /// <summary>Translate when an LLM endpoint is configured; false leaves every story in its own language.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Stories translated in one pass of the stage at most.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>How many failed or rejected attempts one text gets before it waits for its story's text to change.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after a first failure; it doubles with each further failure, up to a day.</summary>
    public int RetryMinutes { get; set; } = 15;

    /// <summary>How long one story's translation may take, the LLM client's own retries included, before it is recorded as failed.</summary>
    public int TimeoutSeconds { get; set; } = 300;

    /// <summary>Only stories active in the last this many days are translated (the archive is not, all at once).</summary>
    public int MaxAgeDays { get; set; } = 7;

    /// <summary>Backoff before the attempt after <paramref name="failures"/> failures: RetryMinutes × 2^(failures−1), at most 24 hours.</summary>
    public TimeSpan Backoff(int failures)
    {
        var minutes = RetryMinutes * Math.Pow(2, Math.Clamp(failures - 1, 0, 20));
        return TimeSpan.FromMinutes(Math.Min(minutes, 24 * 60));
    }

    public void Validate()
    {
        if (BatchSize is < 1 or > 1000)
        {
            throw new SalientException($"Translation:BatchSize is {BatchSize}; give 1 to 1000 stories per pass");
        }
        if (MaxAttempts is < 1 or > 100)
        {
            throw new SalientException($"Translation:MaxAttempts is {MaxAttempts}; give 1 to 100");
        }
        if (RetryMinutes is < 1 or > 24 * 60)
        {
            throw new SalientException($"Translation:RetryMinutes is {RetryMinutes}; give 1 to 1440 minutes");
        }
        if (TimeoutSeconds is < 1 or > 3600)
        {
            throw new SalientException($"Translation:TimeoutSeconds is {TimeoutSeconds}; give 1 to 3600 seconds");
        }
        if (MaxAgeDays is < 1 or > 3650)
        {
            throw new SalientException($"Translation:MaxAgeDays is {MaxAgeDays}; give 1 to 3650 days");
        }
    }
}
