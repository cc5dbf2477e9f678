using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Salient.Cli;
using Salient.Llm;
using Salient.Pipeline;

namespace Salient.Writing;

internal sealed class WritingServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<WritingOptions>(WritingOptions.Section);
        // Sentence vectors by text, so a story written again embeds only the sentences it has not seen.
        services.AddSingleton(sp => new Salient.Embeddings.SentenceVectorCache(sp.GetRequiredService<Salient.Embeddings.TextEmbedder>().Embed));
        services.AddSingleton(sp => new ExtractiveWriter(sp.GetRequiredService<Salient.Embeddings.SentenceVectorCache>().Embed, sp.GetRequiredService<WritingOptions>()));
        services.AddSingleton(sp => new StoryWriter(sp.GetRequiredService<ExtractiveWriter>(),
            CreateLlmWriter(sp.GetRequiredService<LlmClientFactory>(), sp.GetRequiredService<WritingOptions>(), sp.GetService<ILoggerFactory>())));
        services.AddSingleton<IPipelineStage, WritingStage>();
    }

    /// <summary>The checked LLM writer when an endpoint is configured (section <c>Llm</c>) and <see cref="WritingOptions.UseLlm"/> is on, else null.</summary>
    public static LlmWriter? CreateLlmWriter(LlmClientFactory llm, WritingOptions options, ILoggerFactory? loggers)
    {
        if (!options.UseLlm || !llm.IsEnabled)
        {
            return null;
        }
        return new LlmWriter(llm.Create(), options, loggers?.CreateLogger<LlmWriter>());
    }
}
