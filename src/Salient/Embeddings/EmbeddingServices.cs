using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Embeddings;

internal sealed class EmbeddingServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TextEmbedder>();
    }
}
