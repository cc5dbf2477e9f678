using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;
using Salient.Pipeline;

namespace Salient.Significance;

internal sealed class SignificanceServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SignificanceOptions>(SignificanceOptions.Section);
        services.AddSingleton(sp => new SignificanceScorer(sp.GetRequiredService<Embeddings.TextEmbedder>(), sp.GetRequiredService<SignificanceOptions>()));
        services.AddSingleton<IPipelineStage, ScoringStage>();
        services.AddSingleton<Teacher>();
    }
}
