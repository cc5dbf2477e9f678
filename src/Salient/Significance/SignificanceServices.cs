using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;
using Salient.Pipeline;

namespace Salient.Significance;

internal sealed class SignificanceServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SignificanceOptions.Section).Get<SignificanceOptions>() ?? new SignificanceOptions();
        services.AddSingleton(options);
        services.AddSingleton(sp => new SignificanceScorer(sp.GetRequiredService<Embeddings.TextEmbedder>(), options));
        services.AddSingleton<IPipelineStage, ScoringStage>();
        services.AddSingleton<Teacher>();
    }
}
