using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Salient.Cli;
using Salient.Pipeline;
using Salient.Storage;

namespace Salient.Stories;

internal sealed class StoryServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StoryOptions>(StoryOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineStage, EmbedStage>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineStage, GroupStage>());
    }
}
