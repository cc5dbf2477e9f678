using System.Text.Json;

namespace Salient.Significance;

/// <summary>
/// Reads the input of <c>salient score</c>: JSON Lines <c>{id, title, text, source, published, outlets}</c>.
/// Blank lines and a byte order mark are skipped; <c>published</c> is not used by the score and not checked.
/// A line that is not a usable item goes to the caller as "NAME line N: what is wrong" and is skipped.
/// </summary>
internal static class ScoreInput
{
    private const string Shape = "{id, title, text, source, published, outlets}";

    public static IEnumerable<BatchItem> Read(TextReader reader, string name, Action<string> bad)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(bad);
        foreach (var (lineNo, line) in Cli.JsonLines.Read(reader))
        {
            var item = Parse(line, out var error);
            if (item is null)
            {
                bad($"{name} line {lineNo}: {error}");
                continue;
            }
            yield return item;
        }
    }

    private static BatchItem? Parse(string line, out string? error)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON ({Cli.JsonLines.Describe(e)}); each line must be one JSON object {Shape}";
            return null;
        }
        using (doc)
        {
            var e = doc.RootElement;
            if (e.ValueKind != JsonValueKind.Object)
            {
                error = $"expected a JSON object {Shape}, found {e.ValueKind}";
                return null;
            }
            if (!e.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null)
            {
                error = "missing 'id' (a string or number); give every item an id";
                return null;
            }
            if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                error = $"'id' must be a string or a number, found {id.ValueKind}";
                return null;
            }
            if (!OptionalString(e, "title", out var title, out error) || !OptionalString(e, "text", out var text, out error)
                || !OptionalString(e, "source", out var source, out error) || !Outlets(e, out var outlets, out error))
            {
                return null;
            }
            if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(text))
            {
                error = "missing 'title' (and no 'text' either); give every item a title";
                return null;
            }
            return new BatchItem(id.Clone(), title ?? "", text, source, outlets);
        }
    }

    private static bool OptionalString(JsonElement e, string name, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' must be a string, found {v.ValueKind}";
            return false;
        }
        value = v.GetString();
        return true;
    }

    /// <summary>Outlet names: absent or null is none, one string is one outlet, a list holds names or objects with a name.</summary>
    private static bool Outlets(JsonElement e, out List<string> outlets, out string? error)
    {
        outlets = [];
        error = null;
        if (!e.TryGetProperty("outlets", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (v.ValueKind == JsonValueKind.String)
        {
            outlets.Add(v.GetString()!);
            return true;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            error = $"'outlets' must be a list of outlet names, found {v.ValueKind}";
            return false;
        }
        foreach (var x in v.EnumerateArray())
        {
            if (x.ValueKind == JsonValueKind.String)
            {
                outlets.Add(x.GetString()!);
            }
            else if (x.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in (ReadOnlySpan<string>)["name", "source", "domain", "url"])
                {
                    if (x.TryGetProperty(key, out var n) && n.ValueKind == JsonValueKind.String)
                    {
                        outlets.Add(n.GetString()!);
                        break;
                    }
                }
            }
        }
        return true;
    }
}
