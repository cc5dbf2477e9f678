using System.Globalization;
using System.Text.Json;

namespace Salient.Writing;

/// <summary>Reads the batch tool's input, one story a line: <c>{id, articles: [{title, text, source, url, published}]}</c>.</summary>
internal static class SummarizeInput
{
    public sealed record Story(JsonElement Id, IReadOnlyList<SourceArticle> Articles);

    /// <summary>Parses one line; throws <see cref="FormatException"/> saying what is wrong (the caller adds the line number).</summary>
    public static Story Parse(string line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message})", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"expected a JSON object {{id, articles}}, found {root.ValueKind.ToString().ToLowerInvariant()}");
            }
            if (!root.TryGetProperty("id", out var id) || id.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                throw new FormatException("missing \"id\"");
            }
            if (!root.TryGetProperty("articles", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("missing \"articles\" (an array of {title, text, source, url, published})");
            }
            var articles = new List<SourceArticle>();
            var i = 0;
            foreach (var a in list.EnumerateArray())
            {
                if (a.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"articles[{i}] is not an object");
                }
                var title = Text(a, "title", i);
                var text = Text(a, "text", i);
                if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(text))
                {
                    throw new FormatException($"articles[{i}] has neither a title nor a text");
                }
                articles.Add(new SourceArticle(title ?? "", text, Text(a, "source", i), Text(a, "url", i), Date(a)));
                i++;
            }
            if (articles.Count == 0)
            {
                throw new FormatException("\"articles\" is empty; a story needs at least one article");
            }
            return new Story(id.Clone(), articles);
        }
    }

    private static string? Text(JsonElement a, string name, int i)
    {
        if (!a.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"articles[{i}].{name} must be a string, found {v.ValueKind.ToString().ToLowerInvariant()}");
        }
        return v.GetString();
    }

    private static DateTimeOffset? Date(JsonElement a)
    {
        if (!a.TryGetProperty("published", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (Cli.JsonLines.UnixTime(v) is { } unix)
        {
            return unix;
        }
        if (v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d))
        {
            return d;
        }
        // A date is a hint only; an unreadable one is ignored rather than failing the story.
        return null;
    }
}
