using System.Text.Json;
using Salient.Cli;

namespace Salient.Writing;

/// <summary>
/// The batch tool's loop: one story a line in, <c>{id, title, summary, sources}</c> a line out. A line that
/// cannot be read is reported with its number and skipped; the exit code then says some failed.
/// </summary>
internal static class SummarizeBatch
{
    private sealed record Output(JsonElement Id, string Title, string Summary, IReadOnlyList<int> Sources);

    public static async Task<int> RunAsync(TextReader input, string name, TextWriter output, TextWriter error, StoryWriter writer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(writer);
        var failed = 0;
        var stories = 0;
        foreach (var (lineNo, line) in JsonLines.Read(input))
        {
            ct.ThrowIfCancellationRequested();
            stories++;
            SummarizeInput.Story story;
            try
            {
                story = SummarizeInput.Parse(line);
            }
            catch (FormatException e)
            {
                failed++;
                await error.WriteLineAsync($"salient: {name} line {lineNo}: {e.Message}; line skipped").ConfigureAwait(false);
                continue;
            }
            var written = await writer.WriteAsync(story.Articles, ct).ConfigureAwait(false);
            await output.WriteLineAsync(JsonSerializer.Serialize(new Output(story.Id, written.Title, written.Summary, written.Sources), CliJson.Options)).ConfigureAwait(false);
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
        if (stories == 0)
        {
            await error.WriteLineAsync($"salient: {name} holds no stories; nothing to summarize").ConfigureAwait(false);
        }
        if (failed > 0)
        {
            await error.WriteLineAsync($"salient: {failed} line(s) of {name} could not be read; the other stories were written").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        return ExitCodes.Ok;
    }
}
