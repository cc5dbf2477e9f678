using System.Globalization;
using System.Text.Json;
using Salient.Text;

namespace Salient.Feeds;

/// <summary>Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).</summary>
internal static class JsonFeedReader
{
    public static ParsedFeed Read(string text, Uri? feedUrl, SortedSet<string> repairs)
    {
        // A lone surrogate escape ("\ud800", half an emoji cut by a UTF-16 substring) parses but throws when the string
        // is read, which would lose the whole feed: it is read as the replacement character instead.
        var mended = Cli.JsonLines.MendSurrogates(text);
        if (!ReferenceEquals(mended, text))
        {
            repairs.Add("broken-surrogates");
            text = mended;
        }
        // XML forbids control characters and the XML reader removes them; a JSON string may escape them ("\u0000"):
        // they go the same way.
        var clean = DropControlEscapes(text);
        if (!ReferenceEquals(clean, text))
        {
            repairs.Add("control-characters");
            text = clean;
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new FeedParseException($"not a feed: invalid JSON ({e.Message})", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "version") is not { } version
                || !version.Contains("jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase))
            {
                throw new FeedParseException("not a feed: JSON without a JSON Feed version");
            }
            var baseUri = Uri.TryCreate(Str(root, "home_page_url") ?? "", UriKind.Absolute, out var home) ? home : feedUrl;
            var items = new List<FeedItem>();
            if (root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    try
                    {
                        items.Add(ReadItem(item, feedUrl ?? baseUri, repairs));
                    }
                    catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or OverflowException)
                    {
                        repairs.Add("bad-item-skipped");
                    }
                }
            }
            return new ParsedFeed("jsonfeed1", Str(root, "title")?.Trim(), Links.Resolve(feedUrl, Str(root, "home_page_url")),
                Str(root, "description") is { } d ? Markup.Escape(d.Trim()) : null, Str(root, "language"), null,
                repairs.ToList(), items);
        }
    }

    private static FeedItem ReadItem(JsonElement item, Uri? baseUri, SortedSet<string> repairs)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException("item is not an object");
        }
        string? id = item.TryGetProperty("id", out var idValue)
            ? idValue.ValueKind switch
            {
                JsonValueKind.String => idValue.GetString(),
                JsonValueKind.Number => idValue.GetRawText(),
                _ => null,
            }
            : null;
        var link = Links.Resolve(baseUri, Str(item, "url") ?? Str(item, "external_url"));
        var html = Str(item, "content_html");
        var textContent = Str(item, "content_text");
        var content = html is not null ? SafeHtml.Clean(html, baseUri) : textContent is not null ? Markup.Escape(textContent.Trim()) : null;
        var summary = Str(item, "summary") is { } s ? Markup.Escape(s.Trim()) : content;
        var published = Date(Str(item, "date_published"), repairs);
        var updated = Date(Str(item, "date_modified"), repairs);
        string? author = null;
        if (item.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            author = authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => Str(a, "name")).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
        }
        if (author is null && item.TryGetProperty("author", out var single) && single.ValueKind == JsonValueKind.Object)
        {
            author = Str(single, "name");
        }
        var tags = new List<string>();
        if (item.TryGetProperty("tags", out var tagList) && tagList.ValueKind == JsonValueKind.Array)
        {
            tags.AddRange(tagList.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal));
        }
        var enclosures = new List<FeedEnclosure>();
        if (item.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in attachments.EnumerateArray())
            {
                if (a.ValueKind == JsonValueKind.Object && Str(a, "url") is { } url)
                {
                    long? size = a.TryGetProperty("size_in_bytes", out var sz) && sz.ValueKind == JsonValueKind.Number && sz.TryGetInt64(out var n) ? n : null;
                    enclosures.Add(new FeedEnclosure(Links.Resolve(baseUri, url)!, Str(a, "mime_type"), size));
                }
            }
        }
        return new FeedItem(id, Str(item, "title")?.Trim(), link, published ?? updated, updated ?? published, author, summary, content, tags, enclosures);
    }

    private static DateTimeOffset? Date(string? value, SortedSet<string> repairs)
    {
        var parsed = FeedDates.Parse(value);
        if (parsed is null && !string.IsNullOrWhiteSpace(value))
        {
            repairs.Add("invalid-date");
        }
        return parsed;
    }

    /// <summary>
    /// The JSON text without the escapes of control characters inside its strings (<c>\u0000</c> to <c>\u001F</c>,
    /// <c>\b</c>, <c>\f</c>), tab, line feed and carriage return aside; the same instance when it has none.
    /// </summary>
    internal static string DropControlEscapes(string json)
    {
        if (!json.Contains('\\', StringComparison.Ordinal))
        {
            return json;
        }
        System.Text.StringBuilder? sb = null;
        var inString = false;
        var copied = 0;
        var i = 0;
        while (i < json.Length)
        {
            var c = json[i];
            if (c == '"')
            {
                inString = !inString;
                i++;
                continue;
            }
            if (!inString || c != '\\' || i + 1 >= json.Length)
            {
                i++;
                continue;
            }
            var next = json[i + 1];
            var length = 2;
            var drop = next is 'b' or 'f';
            if (next == 'u' && i + 6 <= json.Length
                && ushort.TryParse(json.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                length = 6;
                drop = unit < 0x20 && unit is not (0x09 or 0x0A or 0x0D);
            }
            if (drop)
            {
                sb ??= new System.Text.StringBuilder(json.Length);
                sb.Append(json, copied, i - copied);
                copied = i + length;
            }
            i += length;
        }
        return sb is null ? json : sb.Append(json, copied, json.Length - copied).ToString();
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
