using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Extraction;

/// <summary>Registers the article extractor with its options from the <c>Extraction</c> configuration section.</summary>
internal sealed class ExtractionServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ExtractionOptions>(ExtractionOptions.Section);
        services.AddSingleton(sp => new ArticleExtractor(sp.GetRequiredService<ExtractionOptions>(), sp.GetRequiredService<TimeProvider>()));
    }
}
