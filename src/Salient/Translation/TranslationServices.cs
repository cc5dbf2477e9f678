using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Salient.Cli;
using Salient.Llm;
using Salient.Pipeline;

namespace Salient.Translation;

internal sealed class TranslationServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TranslationOptions>(TranslationOptions.Section);
        // The stage exists only with an LLM endpoint (and translation not turned off): without one nothing changes.
        var llm = configuration.GetSection(LlmOptions.Section)["BaseUrl"];
        var enabled = configuration.GetSection(TranslationOptions.Section).GetValue("Enabled", true);
        if (string.IsNullOrWhiteSpace(llm) || !enabled)
        {
            return;
        }
        services.AddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<LlmClientFactory>();
            return new StoryTranslator(factory.Create(), factory.Options.Model, sp.GetRequiredService<TranslationOptions>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>()?.CreateLogger<StoryTranslator>());
        });
        services.AddSingleton<IPipelineStage, TranslationStage>();
    }
}
