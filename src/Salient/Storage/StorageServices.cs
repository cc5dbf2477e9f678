using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Storage;

/// <summary>Every store: the one place the product reads and writes its database.</summary>
internal sealed class StorageServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SourceStore>();
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<StoryStore>();
        services.AddSingleton<DigestStore>();
        services.AddSingleton<FollowStore>();
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<TeacherCache>();
        services.AddSingleton<SiteStore>();
        services.AddSingleton<TranslationStore>();
        services.AddSingleton<StatsStore>();
        services.AddSingleton<AuditStore>();
        services.AddSettings<RetentionOptions>(RetentionOptions.Section);
        services.AddHostedService<PruneScheduler>();
    }
}
