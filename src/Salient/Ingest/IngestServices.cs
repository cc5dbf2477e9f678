using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Salient.Cli;
using Salient.Extraction;
using Salient.Feeds;
using Salient.Pipeline;
using Salient.Polling;
using Salient.Sources;
using Salient.Storage;

namespace Salient.Ingest;

/// <summary>Registers sources, polling, the extract stage and the ingest processor.</summary>
internal sealed class IngestServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<PollingOptions>(PollingOptions.Section);
        services.AddSettings<IngestOptions>(IngestOptions.Section);
        services.AddSettings<SourcesOptions>(SourcesOptions.Section);
        services.AddSingleton<SourceSeeder>();
        services.TryAddSingleton<NetworkPolicy>();
        services.AddSingleton<HttpFetcher>();
        services.TryAddSingleton<FeedParser>();
        services.TryAddSingleton<ArticleExtractor>();
        services.AddSingleton<SourcePoller>();
        services.AddSingleton<PollScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineStage, ExtractStage>());
    }
}
