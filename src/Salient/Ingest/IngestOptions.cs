using Salient.Cli;

namespace Salient.Ingest;

/// <summary>How the extract stage fetches and reads article pages: the configuration section <c>Ingest</c>.</summary>
internal sealed class IngestOptions : ISettings
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

    public void Validate()
    {
        if (ExtractBatchSize < 1 || FetchConcurrency < 1 || ExtractConcurrency < 1)
        {
            throw new SalientException("Ingest:ExtractBatchSize, FetchConcurrency, and ExtractConcurrency must be at least 1");
        }
    }
}
