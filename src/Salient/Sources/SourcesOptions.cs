using Salient.Cli;

namespace Salient.Sources;

/// <summary>The source list's settings: the configuration section <c>Sources</c>.</summary>
internal sealed class SourcesOptions : ISettings
{
    public const string Section = "Sources";

    /// <summary>
    /// Whether a new store is seeded with the default list of outlets the first time <c>run</c> or <c>ingest</c>
    /// finds it without any source. <c>--no-default-sources</c> turns it off for one command.
    /// </summary>
    public bool SeedDefaults { get; set; } = true;

    public void Validate()
    {
    }
}
