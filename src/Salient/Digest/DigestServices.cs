using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Digest;

internal sealed class DigestServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => DigestOptions.Load(configuration));
        services.AddSingleton<DigestService>();
        services.AddHostedService<DigestScheduler>();
    }
}
