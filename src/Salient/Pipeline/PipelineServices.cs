using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Pipeline;

internal sealed class PipelineServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PipelineRunner>();
    }
}
