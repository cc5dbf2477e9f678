using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Storage;

internal sealed class StorageServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<StatsStore>();
    }
}
