using Salient.Cli;

namespace Salient.Extraction;

/// <summary>Limits of article extraction; bound from the configuration section <c>Extraction</c>.</summary>
internal sealed class ExtractionOptions : ISettings
{
    public const string Section = "Extraction";

    /// <summary>How long one page may take before extraction gives up on it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pages with more elements than this are refused rather than parsed (0: no limit).</summary>
    public int MaxElements { get; set; } = 200_000;

    /// <summary>Characters of markup beyond this are cut off before parsing.</summary>
    public int MaxHtmlChars { get; set; } = 8_000_000;

    /// <summary>Fewest words for an extraction to count as the article rather than a teaser or paywall notice.</summary>
    public int MinSubstantialWords { get; set; } = 60;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first unusable setting.</summary>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"Extraction:Timeout must be between 0 and 10 minutes, not {Timeout}");
        }
        if (MaxElements < 0)
        {
            throw new ArgumentException($"Extraction:MaxElements must be 0 or more, not {MaxElements}");
        }
        if (MaxHtmlChars < 1024)
        {
            throw new ArgumentException($"Extraction:MaxHtmlChars must be at least 1024, not {MaxHtmlChars}");
        }
        if (MinSubstantialWords < 0)
        {
            throw new ArgumentException($"Extraction:MinSubstantialWords must be 0 or more, not {MinSubstantialWords}");
        }
    }
}
