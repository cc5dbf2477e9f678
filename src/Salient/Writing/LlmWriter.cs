using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Salient.Writing;

/// <summary>
/// Rewrites a story's title and summary with an LLM, then checks them: the title must pass the
/// <see cref="FactChecker"/> and the headline rules, else the extractive title stays; each summary sentence
/// must pass the checker, else it is dropped, and when too little is left the extractive summary stays.
/// Any failure of the endpoint also leaves the extractive text.
/// </summary>
internal sealed partial class LlmWriter(IChatClient client, WritingOptions options, ILogger<LlmWriter>? logger = null)
{
    private const int MaxArticles = 8;
    private const int MaxCharsPerArticle = 1500;
    private readonly ILogger _logger = logger ?? NullLogger<LlmWriter>.Instance;

    public const string SystemPrompt =
        "You write neutral news briefs. Given several outlets' articles about one event, reply with JSON only: " +
        "{\"title\": \"...\", \"summary\": \"...\"}. The title is one plain declarative sentence of 6 to 14 words without a final full stop: " +
        "no question, no teaser, no opinion, no emotive adjectives, no outlet name. The summary states what happened, who is involved, " +
        "when and where, and the most important consequence, in {min} to {max} words of plain, neutral English. Use only facts that the " +
        "articles state; copy every name, number and date exactly as an article gives it; never add a fact, a number or a quotation of " +
        "your own. Use quotation marks only around words an article itself quotes. Articles that give a publication time are listed " +
        "oldest first: when they differ (a count, a decision, a preview against the outcome), write what the newest one says.";

    public async Task<WrittenStory> WriteAsync(IReadOnlyList<SourceArticle> articles, WrittenStory fallback, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(fallback);
        string reply;
        try
        {
            var messages = new List<ChatMessage>
            {
                new(ChatRole.System, SystemPrompt
                    .Replace("{min}", options.MinWords.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{max}", options.TargetWords.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
                new(ChatRole.User, Prompt(articles)),
            };
            var response = await client.GetResponseAsync(messages, new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 400 }, ct).ConfigureAwait(false);
            reply = response.Text ?? "";
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFailed(_logger, e);
            return fallback;
        }
        return Check(articles, reply, fallback);
    }

    /// <summary>Parses the reply and keeps only what the sources support.</summary>
    public WrittenStory Check(IReadOnlyList<SourceArticle> articles, string reply, WrittenStory fallback)
    {
        if (!TryParse(reply, out var title, out var summary))
        {
            LogUnreadable(_logger);
            return fallback;
        }
        var checker = new FactChecker(articles);
        var usedLlm = false;

        var newTitle = fallback.Title;
        var titleArticle = fallback.TitleArticle;
        var cleaned = Headlines.Clean(title);
        if (cleaned.Length > 0 && Headlines.Flaws(title) < 0.5 && TextCleaner.CountWords(cleaned) <= 20)
        {
            var problems = checker.Unsupported(cleaned);
            if (problems.Count == 0)
            {
                newTitle = cleaned;
                titleArticle = BestSource(articles, cleaned);
                usedLlm = true;
            }
            else
            {
                LogRejected(_logger, "title", string.Join("; ", problems));
            }
        }

        var sentences = new List<SummarySentence>();
        var words = 0;
        var dropped = 0;
        foreach (var s in TextCleaner.SplitSentences(summary))
        {
            var problems = checker.Unsupported(s);
            if (problems.Count > 0 || s.EndsWith('?'))
            {
                dropped++;
                LogRejected(_logger, "sentence", string.Join("; ", problems));
                continue;
            }
            var n = TextCleaner.CountWords(s);
            if (words + n > options.MaxWords)
            {
                break;
            }
            sentences.Add(new SummarySentence(s, BestSource(articles, s)));
            words += n;
        }
        IReadOnlyList<SummarySentence> summarySentences;
        if (sentences.Count > 0 && (words >= options.MinWords || words >= TextCleaner.CountWords(fallback.Summary)) && dropped <= sentences.Count)
        {
            summarySentences = sentences;
            usedLlm = true;
        }
        else
        {
            summarySentences = fallback.Sentences;
        }
        return new WrittenStory(newTitle, titleArticle, summarySentences, usedLlm ? WrittenStory.Llm : fallback.Method);
    }

    /// <summary>
    /// The articles the model reads: at most <see cref="MaxArticles"/>, the newest half of them by publication time and the
    /// rest in the given order (the writer's best sources first), listed oldest first with their times, so that a story
    /// that has moved on (a preview, then the outcome; a count, then a higher one) is written from what it says now.
    /// Articles without a time come after the dated ones, in the given order.
    /// </summary>
    internal static IReadOnlyList<int> PromptArticles(IReadOnlyList<SourceArticle> articles)
    {
        var newest = Enumerable.Range(0, articles.Count).Where(i => articles[i].Published is not null)
            .OrderByDescending(i => articles[i].Published).ThenBy(i => i).Take(MaxArticles / 2);
        var chosen = newest.Concat(Enumerable.Range(0, articles.Count)).Distinct().Take(MaxArticles).ToList();
        return chosen.OrderBy(i => articles[i].Published is null ? 1 : 0).ThenBy(i => articles[i].Published ?? DateTimeOffset.MaxValue).ThenBy(i => i).ToList();
    }

    internal static string Prompt(IReadOnlyList<SourceArticle> articles)
    {
        var sb = new StringBuilder();
        var order = PromptArticles(articles);
        for (var n = 0; n < order.Count; n++)
        {
            var a = articles[order[n]];
            var text = TextCleaner.Normalise(a.Text);
            if (text.Length > MaxCharsPerArticle)
            {
                var cut = text.LastIndexOf(' ', MaxCharsPerArticle);
                text = text[..(cut > 0 ? cut : MaxCharsPerArticle)] + " …";
            }
            sb.Append('[').Append(n + 1).Append("] ");
            if (a.Published is { } published)
            {
                sb.Append('(').Append(published.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Append(") ");
            }
            if (!string.IsNullOrWhiteSpace(a.Source))
            {
                sb.Append(a.Source).Append(": ");
            }
            sb.AppendLine(TextCleaner.Normalise(a.Title));
            sb.AppendLine(text);
            sb.AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>The article sharing the most words with the sentence: the one it links to.</summary>
    private static int BestSource(IReadOnlyList<SourceArticle> articles, string sentence)
    {
        var words = new HashSet<string>(TextCleaner.Tokens(sentence), StringComparer.Ordinal);
        var best = 0;
        var bestOverlap = -1;
        for (var i = 0; i < articles.Count; i++)
        {
            var tokens = new HashSet<string>(TextCleaner.Tokens(articles[i].Title + " " + articles[i].Text), StringComparer.Ordinal);
            var overlap = words.Count(tokens.Contains);
            if (overlap > bestOverlap)
            {
                bestOverlap = overlap;
                best = i;
            }
        }
        return best;
    }

    internal static bool TryParse(string reply, out string title, out string summary)
    {
        title = "";
        summary = "";
        var start = reply.IndexOf('{', StringComparison.Ordinal);
        var end = reply.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return false;
        }
        try
        {
            using var doc = JsonDocument.Parse(reply[start..(end + 1)]);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            title = doc.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? "" : "";
            summary = doc.RootElement.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? "" : "";
            return title.Length > 0 || summary.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM writing failed; the extractive title and summary stay")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM reply was not the JSON asked for; the extractive title and summary stay")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM {Part} rejected: {Problems}")]
    private static partial void LogRejected(ILogger logger, string part, string problems);
}
