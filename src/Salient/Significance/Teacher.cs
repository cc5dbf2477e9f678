using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Salient.Llm;
using Salient.Storage;

namespace Salient.Significance;

/// <summary>The written rubric the teacher is prompted with, and its version.</summary>
internal sealed partial record Rubric(string Text, string Version)
{
    /// <summary>The rubric shipped inside the executable (docs/significance.md), or one read from a file.</summary>
    public static Rubric Load(string? path)
    {
        string text;
        if (!string.IsNullOrWhiteSpace(path))
        {
            if (!File.Exists(path))
            {
                throw new Cli.UsageException($"rubric file '{path}' does not exist");
            }
            text = File.ReadAllText(path);
        }
        else
        {
            using var stream = typeof(Rubric).Assembly.GetManifestResourceStream("Salient.Significance.rubric.md")
                ?? throw new SalientException("the significance rubric is missing from this build; give one with --rubric docs/significance.md");
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        var m = VersionPattern().Match(text);
        return new Rubric(text, m.Success ? m.Groups[1].Value : "unversioned");
    }

    [GeneratedRegex(@"Rubric version:\s*\**\s*([0-9A-Za-z.\-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}

/// <summary>What the teacher is shown of a story.</summary>
internal sealed record TeacherItem(string Title, string? Text, string? Source, IReadOnlyList<string> Outlets);

/// <summary>The teacher's rating of one story: seven factors, a reason and (rubric 2) its holistic 0–10 score.</summary>
internal sealed record TeacherLabel(Factors Factors, string Reason, bool Cached, double? Holistic = null);

/// <summary>
/// Rates stories with an OpenAI-compatible chat model: the rubric as system prompt, a JSON schema for the seven
/// integer factors and a one-sentence reason, strict validation with one repair turn, and a cache by content.
/// </summary>
internal sealed partial class Teacher(LlmClientFactory factory, TeacherCache cache, TimeProvider time, ILogger<Teacher> logger)
{
    public const int MaxReasonChars = 400;

    private static readonly JsonElement Schema = BuildSchema();

    public LlmUsage Usage => factory.Usage;

    public string Model => factory.Options.Model;

    /// <summary>Rates one story; null when the model's answer was invalid twice (logged, counted, never cached).</summary>
    public async Task<TeacherLabel?> RateAsync(IChatClient client, Rubric rubric, TeacherItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(item);
        var hash = ContentHash(rubric.Version, Model, item);
        var cached = await cache.GetAsync(hash, ct).ConfigureAwait(false);
        if (cached is not null)
        {
            return cached with { Cached = true };
        }
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, SystemPrompt(rubric)),
            new(ChatRole.User, UserPrompt(item)),
        };
        var chatOptions = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = 400,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "significance", "The seven significance factors (integers 0-10) and a one-sentence reason."),
        };
        long input = 0, output = 0;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var response = await client.GetResponseAsync(messages, chatOptions, ct).ConfigureAwait(false);
            input += response.Usage?.InputTokenCount ?? 0;
            output += response.Usage?.OutputTokenCount ?? 0;
            var answer = response.Text ?? "";
            var (label, problem) = Parse(answer);
            if (label is not null)
            {
                await cache.PutAsync(hash, Model, rubric.Version, label, input, output, time.GetUtcNow(), ct).ConfigureAwait(false);
                return label;
            }
            LogInvalid(item.Title, attempt + 1, problem!);
            messages.Add(new ChatMessage(ChatRole.Assistant, answer));
            messages.Add(new ChatMessage(ChatRole.User,
                $"That answer is not valid: {problem}. Reply with only one JSON object with the integer fields scale, impact, novelty, potential, legacy, positivity, credibility (each 0 to 10), the number score (0 to 10) and a string field reason (one sentence)."));
        }
        return null;
    }

    /// <summary>Validates a model's answer: one JSON object (code fences and chatter around it tolerated), seven factors 0–10, a non-empty reason.</summary>
    public static (TeacherLabel? Label, string? Problem) Parse(string answer)
    {
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return (null, "it contains no JSON object");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(answer[start..(end + 1)]);
        }
        catch (JsonException e)
        {
            return (null, $"the JSON does not parse ({e.Message})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "the JSON is not an object");
            }
            var values = new double[Factors.Count];
            for (var i = 0; i < Factors.Count; i++)
            {
                var name = Factors.Names[i];
                if (!root.TryGetProperty(name, out var v))
                {
                    return (null, $"the field '{name}' is missing");
                }
                double x;
                if (v.ValueKind == JsonValueKind.Number)
                {
                    x = v.GetDouble();
                }
                else if (v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    x = parsed;
                }
                else
                {
                    return (null, $"the field '{name}' is not a number");
                }
                if (!double.IsFinite(x) || x < 0 || x > 10)
                {
                    return (null, $"the field '{name}' is {x.ToString(CultureInfo.InvariantCulture)}, outside 0 to 10");
                }
                values[i] = Math.Round(x);
            }
            if (!root.TryGetProperty("reason", out var r) || r.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(r.GetString()))
            {
                return (null, "the field 'reason' is missing or empty");
            }
            double? holistic = null;
            if (root.TryGetProperty("score", out var h) && h.ValueKind != JsonValueKind.Null)
            {
                if (h.ValueKind != JsonValueKind.Number || !double.IsFinite(h.GetDouble()) || h.GetDouble() < 0 || h.GetDouble() > 10)
                {
                    return (null, $"the field 'score' is {h.GetRawText()}, not a number from 0 to 10");
                }
                holistic = Math.Round(h.GetDouble(), 1);
            }
            var reason = string.Join(' ', r.GetString()!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (reason.Length > MaxReasonChars)
            {
                reason = reason[..MaxReasonChars].TrimEnd() + "…";
            }
            return (new TeacherLabel(Factors.FromArray(values), reason, false, holistic), null);
        }
    }

    public static string ContentHash(string rubricVersion, string model, TeacherItem item)
    {
        var sb = new StringBuilder();
        sb.Append(rubricVersion).Append('\n').Append(model).Append('\n').Append(item.Title.Trim()).Append('\n')
          .Append(item.Text?.Trim() ?? "").Append('\n').Append(item.Source?.Trim() ?? "").Append('\n');
        foreach (var o in item.Outlets.Select(o => o.Trim()).Order(StringComparer.OrdinalIgnoreCase))
        {
            sb.Append(o).Append('|');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    internal static string SystemPrompt(Rubric rubric) =>
        "You rate the significance of news stories for Salient, strictly following this rubric.\n\n" + rubric.Text +
        "\n\nAnswer with one JSON object only: the integer fields scale, impact, novelty, potential, legacy, positivity, " +
        "credibility (each 0 to 10), score (your holistic judgment of the story from 0 to 10, one decimal, on the scale the rubric " +
        "describes; not a formula over the factors) and reason, one sentence saying what drives the rating. No other text.";

    internal static string UserPrompt(TeacherItem item)
    {
        var sb = new StringBuilder();
        sb.Append("Headline: ").Append(item.Title.Trim()).Append('\n');
        if (!string.IsNullOrWhiteSpace(item.Text))
        {
            var lead = item.Text.Trim();
            sb.Append("Lead: ").Append(lead.Length > 1200 ? lead[..1200] + "…" : lead).Append('\n');
        }
        if (!string.IsNullOrWhiteSpace(item.Source))
        {
            sb.Append("Outlet: ").Append(item.Source.Trim()).Append('\n');
        }
        var others = item.Outlets.Where(o => !string.Equals(o, item.Source, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (others.Count > 0)
        {
            sb.Append("Also reported by: ").Append(string.Join(", ", others.Take(30))).Append('\n');
        }
        return sb.ToString();
    }

    private static JsonElement BuildSchema()
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in Factors.Names)
        {
            properties[name] = new { type = "integer", minimum = 0, maximum = 10 };
        }
        properties["score"] = new { type = "number", minimum = 0, maximum = 10 };
        properties["reason"] = new { type = "string", maxLength = MaxReasonChars };
        var schema = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = Factors.Names.Append("score").Append("reason").ToArray(),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teacher answer for '{Title}' invalid on attempt {Attempt}: {Problem}")]
    private partial void LogInvalid(string title, int attempt, string problem);
}
