using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Llm;

namespace Salient.Writing;

/// <summary><c>salient summarize</c>: batch titles and summaries.</summary>
internal sealed class WritingCommands : ICommandModule
{
    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return (null, Summarize());
    }

    private static Command Summarize()
    {
        var input = new Option<string>("--input") { Description = "JSON Lines, one story a line: {id, articles: [{title, text, source, url, published}]}; '-' reads standard input.", Required = true };
        var offline = new Option<bool>("--offline") { Description = "Use the extractive writer even when an LLM is configured." };
        var cmd = new Command("summarize", "Write a neutral title and a short summary for each story; prints {id, title, summary, sources} per line.") { input, offline };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;
            using var reader = JsonLines.OpenInput(path, "one story a line");
            var configuration = SalientApp.LoadConfiguration(parse.GetValue(GlobalOptions.Config));
            using var setup = WriterSetup.Create(configuration, useLlm: !parse.GetValue(offline));
            return await SummarizeBatch.RunAsync(reader, JsonLines.InputName(path), Console.Out, Console.Error, setup.Writer, ct).ConfigureAwait(false);
        });
        return cmd;
    }
}

/// <summary>The writer and what it holds, built from configuration alone (the batch tools need no database).</summary>
internal sealed class WriterSetup : IDisposable
{
    private readonly TextEmbedder _embedder;

    private WriterSetup(TextEmbedder embedder, StoryWriter writer)
    {
        _embedder = embedder;
        Writer = writer;
    }

    public StoryWriter Writer { get; }

    public static WriterSetup Create(IConfiguration configuration, bool useLlm, string? cachePath = null)
    {
        var options = Settings.Read<WritingOptions>(configuration, WritingOptions.Section);
        var embedder = new TextEmbedder();
        LlmWriter? llm = null;
        if (useLlm)
        {
            var llmOptions = Settings.Read<LlmOptions>(configuration, LlmOptions.Section);
            llm = WritingServices.CreateLlmWriter(new LlmClientFactory(llmOptions, TimeProvider.System), options, null);
        }
        var cache = cachePath is null ? null : EmbeddingCache.Open(cachePath);
        var extractive = cache is null ? new ExtractiveWriter(embedder, options) : new ExtractiveWriter((texts, ct) => cache.Embed(embedder, texts, ct), options);
        return new WriterSetup(embedder, new StoryWriter(extractive, llm));
    }

    public void Dispose() => _embedder.Dispose();
}
