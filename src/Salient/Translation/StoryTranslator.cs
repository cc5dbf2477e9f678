using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Salient.Web;

namespace Salient.Translation;

/// <summary>What one translation attempt gave: an accepted title and summary, or why there is none.</summary>
internal sealed record TranslationAttempt(string Status, string? Title, string? Summary, string? Problem)
{
    public const string Translated = "translated";
    public const string Rejected = "rejected";
    public const string Failed = "failed";

    public static TranslationAttempt Fail(string problem) => new(Failed, null, null, problem);
}

/// <summary>
/// Asks the configured LLM (OpenAI-compatible chat completions, through the process's <see cref="Llm.LlmClientFactory"/>
/// client: its throttle, retries and accounting) for a story's title and summary in the readers' language, then
/// checks the answer (<see cref="TranslationChecks"/>). An endpoint that fails or does not answer within
/// <see cref="TranslationOptions.TimeoutSeconds"/> (on the injected clock) gives a failed attempt, never an exception.
/// </summary>
internal sealed partial class StoryTranslator(IChatClient client, string model, TranslationOptions options, TimeProvider time, ILogger<StoryTranslator>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<StoryTranslator>.Instance;

    public const string SystemPrompt =
        "You translate news. Translate the title and the summary the user gives from {from} into {to}, faithfully and completely. " +
        "Keep every name, number and date as the original gives it; add nothing and leave nothing out; no comment, no notes, no markup, " +
        "no links. Reply with JSON only: {\"title\": \"...\", \"summary\": \"...\"}.";

    /// <summary>The model named in the configuration, stored with each translation.</summary>
    public string Model => model;

    public static string PromptFor(string from, string to) =>
        SystemPrompt.Replace("{from}", Languages.Name(from), StringComparison.Ordinal).Replace("{to}", Languages.Name(to), StringComparison.Ordinal);

    /// <summary>Translates <paramref name="title"/> and <paramref name="summary"/> from <paramref name="from"/> into <paramref name="to"/>.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="ct"/> is cancelled (the work is stopped).</exception>
    public async Task<TranslationAttempt> TranslateAsync(string from, string to, string title, string summary, CancellationToken ct)
    {
        var prompt = PromptFor(from, to);
        string reply;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var messages = new List<ChatMessage>
            {
                new(ChatRole.System, prompt),
                new(ChatRole.User, System.Text.Json.JsonSerializer.Serialize(new { title, summary })),
            };
            var maxTokens = Math.Clamp((title.Length + summary.Length) / 2 + 100, 200, 1500);
            var response = await client.GetResponseAsync(messages, new ChatOptions { Temperature = 0f, MaxOutputTokens = maxTokens }, linked.Token).ConfigureAwait(false);
            reply = response.Text ?? "";
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            var problem = $"no answer within Translation:TimeoutSeconds ({options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s)";
            LogFailed(_logger, problem);
            return TranslationAttempt.Fail(problem);
        }
        catch (Exception e)
        {
            var problem = e is SalientException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            LogFailed(_logger, problem);
            return TranslationAttempt.Fail(problem);
        }
        var outcome = TranslationChecks.Check(from, to, title, summary, reply, prompt);
        if (!outcome.Accepted)
        {
            var problems = string.Join("; ", outcome.Problems);
            LogRejected(_logger, problems);
            return new TranslationAttempt(TranslationAttempt.Rejected, null, null, problems);
        }
        return new TranslationAttempt(TranslationAttempt.Translated, outcome.Title, outcome.Summary, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Translation failed; the story stays in its own language: {Problem}")]
    private static partial void LogFailed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Translation rejected; the story stays in its own language: {Problems}")]
    private static partial void LogRejected(ILogger logger, string problems);
}
