using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Llm;

internal sealed class LlmServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<LlmOptions>(LlmOptions.Section);
        services.AddSingleton<LlmClientFactory>();
    }
}
