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
        services.AddSingleton(_ => PollingOptions.From(configuration));
        services.AddSingleton(_ => IngestOptions.From(configuration));
        services.AddSingleton(_ => SourcesOptions.From(configuration));
        services.AddSingleton<SourceSeeder>();
        services.AddSingleton<HttpFetcher>();
        services.TryAddSingleton<FeedParser>();
        services.TryAddSingleton<ArticleExtractor>();
        services.AddSingleton<SourcePoller>();
        services.AddSingleton<PollScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineStage, ExtractStage>());
    }
}
