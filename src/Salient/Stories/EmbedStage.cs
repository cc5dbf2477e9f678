using Microsoft.Extensions.Logging;
using Salient.Embeddings;
using Salient.Pipeline;
using Salient.Storage;

namespace Salient.Stories;

/// <summary>Pipeline stage "embed": the title and lead of each extracted article become a stored MiniLM vector.</summary>
internal sealed partial class EmbedStage(StoryStore store, TextEmbedder embedder, ILogger<EmbedStage> logger) : IPipelineStage
{
    private const int BatchSize = 64;
    private readonly string _owner = WorkLeases.Owner("embed");

    public string Name => "embed";

    public int Order => 20;

    public Task<long> CountPendingAsync(CancellationToken ct) => store.CountAtStageAsync(ArticleStage.Extracted, ct);

    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        var items = await store.ClaimEmbeddingAsync(_owner, BatchSize, WorkLeases.Duration, ct).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return 0;
        }
        var vectors = embedder.Embed(items.Select(i => i.Text).ToList(), ct);
        await store.SaveEmbeddingsAsync(items.Select((item, i) => (item.Id, vectors[i])).ToList(), ct).ConfigureAwait(false);
        LogEmbedded(logger, items.Count);
        return items.Count;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Embedded {Count} articles")]
    private static partial void LogEmbedded(ILogger logger, int count);
}
