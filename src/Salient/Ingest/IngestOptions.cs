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

    public static IngestOptions From(IConfiguration configuration)
    {
        var o = configuration.GetSection(Section).Get<IngestOptions>() ?? new IngestOptions();
        if (o.ExtractBatchSize < 1 || o.FetchConcurrency < 1 || o.ExtractConcurrency < 1)
        {
            throw new Cli.UsageException("invalid configuration: Ingest:ExtractBatchSize, FetchConcurrency, and ExtractConcurrency must be at least 1");
        }
        return o;
    }
}
