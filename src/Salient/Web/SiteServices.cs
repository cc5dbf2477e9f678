using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Web;

internal sealed class SiteServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => SiteOptions.Load(configuration));
        services.AddSingleton<FrontPageCache>();
        services.AddSingleton<AdminStore>();
        services.AddSingleton<ApiRateLimiter>();
    }
}
