using Microsoft.Extensions.Configuration;

namespace Salient.Ingest;

/// <summary>How the extract stage fetches and reads article pages: the configuration section <c>Ingest</c>.</summary>
internal sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>When false, article pages are not fetched and every article keeps its feed's own content.</summary>
    public bool FetchPages { get; set; } = true;

    /// <summary>Articles claimed by one run of the extract stage.</summary>
    public int ExtractBatchSize { get; set; } = 200;

    /// <summary>Page fetches in flight (each still obeys Polling:MaxConcurrentPerHost).</summary>
    public int FetchConcurrency { get; set; } = 16;

    /// <summary>Pages extracted at the same time; extraction is CPU-bound, so by default one per core.</summary>
    public int ExtractConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>Longest time extraction of one page may take before the feed's content is kept instead.</summary>
    public int ExtractTimeoutSeconds { get; set; } = 20;

    /// <summary>Page text shorter than this (in characters) is taken for a paywall or teaser when the feed says more.</summary>
    public int MinTextChars { get; set; } = 250;

    public static IngestOptions From(IConfiguration configuration)
    {
        var o = configuration.GetSection(Section).Get<IngestOptions>() ?? new IngestOptions();
        if (o.ExtractBatchSize < 1 || o.FetchConcurrency < 1 || o.ExtractConcurrency < 1 || o.ExtractTimeoutSeconds < 1 || o.MinTextChars < 0)
        {
            throw new Cli.UsageException("invalid configuration: Ingest:ExtractBatchSize, FetchConcurrency, ExtractConcurrency and ExtractTimeoutSeconds must be at least 1");
        }
        return o;
    }
}
