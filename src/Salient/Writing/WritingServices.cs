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
        services.AddSingleton(sp => new ExtractiveWriter(sp.GetRequiredService<Salient.Embeddings.TextEmbedder>(), sp.GetRequiredService<WritingOptions>()));
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
