using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Web;

internal sealed class SiteServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SiteOptions>(SiteOptions.Section).PostConfigure(o => o.Normalize());
        services.AddSingleton<FrontPageCache>();
        services.AddSingleton<StoryPageCache>();
        services.AddSingleton<StoryJsonCache>();
        services.AddSingleton<DayRanks>();
        services.AddSingleton<RelatedStories>();
        services.AddSingleton<AdminStore>();
        services.AddSingleton<ApiRateLimiter>();
        services.AddSingleton<AdminAuth>();
    }
}
